//! The Spanish build (`cargo test --features es --test spanish`): every patient-facing text of a
//! full report is Spanish, none is left in English, and the clinical English text is left out.
#![cfg(feature = "es")]

use std::collections::BTreeSet;
use std::fs;

/// (English texts, Spanish texts) of `src/knowledge/es/`.
fn translations() -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut en, mut es) = (BTreeSet::new(), BTreeSet::new());
    for entry in fs::read_dir("src/knowledge/es").expect("es folder") {
        let text = fs::read_to_string(entry.expect("entry").path()).expect("read");
        let value: toml::Table = toml::from_str(&text).expect("toml");
        for r in value["text"].as_array().expect("[[text]]") {
            en.insert(r["en"].as_str().expect("en").to_owned());
            es.insert(r["es"].as_str().expect("es").to_owned());
        }
    }
    (en, es)
}

/// Every string in the JSON value, with where it was found.
fn strings(v: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::String(s) => out.push((path.to_owned(), s.clone())),
        serde_json::Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| strings(x, &format!("{path}[{i}]"), out)),
        serde_json::Value::Object(o) => o
            .iter()
            .for_each(|(k, x)| strings(x, &format!("{path}.{k}"), out)),
        _ => {}
    }
}

#[test]
fn a_full_report_is_in_spanish() {
    let profile = fs::read_to_string("tests/data/older-adult-16.json").expect("profile");
    let report = medcheck::check_json(&profile).expect("valid profile");
    assert_eq!(report.language, "es");
    let json = serde_json::to_value(&report).expect("json");
    let (en, es) = translations();
    let mut all = Vec::new();
    strings(&json, "report", &mut all);
    let patient_facing = |path: &str| {
        [
            ".title",
            ".patient",
            ".action",
            ".monitor",
            ".how_to_take",
            ".side_effects",
            ".serious",
            ".avoid",
            ".purpose",
            ".step",
            ".goal",
            ".question",
            ".reason",
            ".what",
            ".interval",
        ]
        .iter()
        .any(|f| path.contains(f))
    };
    let checked: Vec<&(String, String)> = all.iter().filter(|(p, _)| patient_facing(p)).collect();
    assert!(
        checked.len() > 100,
        "only {} patient-facing strings",
        checked.len()
    );
    for (path, text) in &checked {
        assert!(
            !en.contains(text) || es.contains(text),
            "{path} is still English: {text:?}"
        );
    }
    // The knowledge base's texts arrive in their Spanish form.
    let from_knowledge = checked.iter().filter(|(_, t)| es.contains(t)).count();
    assert!(
        from_knowledge > 80,
        "only {from_knowledge} Spanish knowledge texts"
    );
    // And the sentences the rules and the plan write are Spanish too.
    let plan = &report.plan.as_ref().expect("plan");
    assert!(
        plan.follow_up
            .iter()
            .any(|f| f.reason.starts_with("Revisión completa")),
        "{:?}",
        plan.follow_up
    );
    assert!(
        plan.review_prompts
            .iter()
            .all(|q| q.question.starts_with('¿') || q.question.starts_with("Tomo")),
        "{:?}",
        plan.review_prompts
    );
    assert!(
        !json.to_string().contains("\"professional\":\"\""),
        "empty professional texts are left out"
    );
}
