//! Odd input never panics: generated strings through name resolution, suggestions, dose and
//! frequency parsing, and whole checks.

use medcheck::profile::{parse_amount, parse_frequency};
use medcheck::resolve::{medication, strengths_in, suggest};

/// A small deterministic generator, so that a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "a",
            "z",
            "e",
            "1",
            "0",
            "5",
            "/",
            ".",
            "-",
            " ",
            "'",
            "mg",
            "mcg",
            "g",
            "tab",
            "er",
            "xr",
            "é",
            "µ",
            "ß",
            "ﬁ",
            "İ",
            "🙂",
            "\u{300}",
            "\t",
            "\"",
            "\\",
            "%",
            "9999999999999999999",
            "0.0.0",
            "..",
            "//",
            "st.",
            "john's",
            "tylenol",
            "pm",
            "co-",
            "insulin",
            "hydro",
            "and",
            "q",
            "h",
            "every",
            "times",
            "a",
            "day",
            "week",
            "twice",
            "prn",
            "needed",
        ];
        let n = (self.next() % 12) as usize;
        (0..n)
            .map(|_| PIECES[(self.next() as usize) % PIECES.len()])
            .collect()
    }
}

#[test]
fn generated_text_never_panics() {
    let mut rng = Lcg(0x5eed);
    for _ in 0..1000 {
        let t = rng.text();
        let _ = medication(&t);
        let _ = suggest(&t, 8);
        let _ = strengths_in(&t);
        let _ = parse_amount(&t);
        let _ = parse_frequency(&t);
    }
}

#[test]
fn generated_profiles_never_panic() {
    let mut rng = Lcg(42);
    for _ in 0..100 {
        let meds: Vec<serde_json::Value> = (0..(rng.next() % 6))
            .map(|_| serde_json::json!({ "name": format!("x{}", rng.text()) }))
            .collect();
        let profile = serde_json::json!({
            "age": rng.next() % 131,
            "egfr": (rng.next() % 200) as f64,
            "conditions": [rng.text() + "c"],
            "allergies": [rng.text() + "a"],
            "medications": meds,
        });
        // Every outcome is a report or an error naming a field; neither may panic.
        let _ = medcheck::check_json(&profile.to_string());
    }
}
