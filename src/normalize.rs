//! Text normalisation shared by the build script (to key the name tables) and by name resolution
//! at run time, so that both sides always agree.

/// Lowercases, folds common accents, deletes apostrophes, and turns every other run of
/// punctuation or whitespace into a single space.
///
/// `"St. John's Wort"` → `"st johns wort"`, `"Co-Amoxiclav"` → `"co amoxiclav"`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        let c = fold(c);
        if c == '\'' || c == '\u{2019}' || c == '®' || c == '™' {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// Latin letters with accents → their ASCII letter (enough for the languages medcheck reads).
pub(crate) fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn folds_case_punctuation_and_accents() {
        assert_eq!(normalize("St. John's Wort"), "st johns wort");
        assert_eq!(normalize("  Co-Amoxiclav  "), "co amoxiclav");
        assert_eq!(normalize("Sérum/5-325 MG"), "serum 5 325 mg");
        assert_eq!(normalize("Tylenol®"), "tylenol");
        assert_eq!(normalize("!!!"), "");
    }
}
