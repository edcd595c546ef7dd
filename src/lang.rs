//! The language of the build. The knowledge base and every sentence the rules and the plan write
//! come in English, or in Spanish with the `es` feature (see `src/knowledge/es/`). Patient-facing
//! text only: professional texts, ids and codes stay in English.

/// The language code of this build.
pub const LANG: &str = if cfg!(feature = "es") { "es" } else { "en" };

/// A fixed text in the language of the build: `tr!("English", "Español")`.
macro_rules! tr {
    ($en:literal, $es:literal $(,)?) => {
        if cfg!(feature = "es") {
            $es
        } else {
            $en
        }
    };
}

/// `format!` in the language of the build: `trf!("Take {n}", "Tome {n}")`, with the same
/// arguments for both.
macro_rules! trf {
    ($en:literal, $es:literal $(, $arg:expr)* $(,)?) => {{
        #[cfg(not(feature = "es"))]
        let text = format!($en $(, $arg)*);
        #[cfg(feature = "es")]
        let text = format!($es $(, $arg)*);
        text
    }};
}
