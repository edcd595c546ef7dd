//! Clinical scenarios: one file per case under `tests/scenarios/`, a profile plus what must and
//! must not be found. A negative case says `max_severity`: nothing above it may fire.
//!
//! ```json
//! {"description": "…", "profile": {…},
//!  "expect": [{"kind": "interaction", "severity": "major+", "ingredients": ["warfarin", "ibuprofen"]}],
//!  "forbid": [{"kind": "allergy", "severity": "major+", "ingredients": ["furosemide"]}],
//!  "max_severity": "moderate"}
//! ```
//! `severity` is one severity, several joined by `|`, or `X+` for X or anything more severe.
//! A finding matches when its kind and severity match and it involves every listed ingredient.

use std::fs;

use medcheck::report::{Finding, Severity};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    description: String,
    profile: serde_json::Value,
    #[serde(default)]
    expect: Vec<Pattern>,
    #[serde(default)]
    forbid: Vec<Pattern>,
    #[serde(default)]
    max_severity: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Pattern {
    kind: String,
    severity: String,
    ingredients: Vec<String>,
}

fn severities(spec: &str) -> Vec<Severity> {
    if let Some(base) = spec.strip_suffix('+') {
        let base = parse(base);
        return Severity::ALL.into_iter().filter(|s| *s <= base).collect();
    }
    spec.split('|').map(parse).collect()
}

fn parse(s: &str) -> Severity {
    Severity::ALL
        .into_iter()
        .find(|x| x.as_str() == s)
        .unwrap_or_else(|| panic!("unknown severity {s:?}"))
}

fn matches(f: &Finding, p: &Pattern) -> bool {
    f.kind.as_str() == p.kind
        && severities(&p.severity).contains(&f.severity)
        && p.ingredients
            .iter()
            .all(|i| f.ingredients.contains(&i.as_str()))
}

fn describe(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "    {} {} {:?} ({})",
                f.severity.as_str(),
                f.kind.as_str(),
                f.ingredients,
                f.rule
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn clinical_scenarios() {
    let mut paths: Vec<_> = fs::read_dir("tests/scenarios")
        .expect("tests/scenarios")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 80, "only {} scenarios", paths.len());
    let mut failures = Vec::new();
    let mut negatives = 0;
    for path in &paths {
        let text = fs::read_to_string(path).expect("read scenario");
        let s: Scenario =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            !s.expect.is_empty() || !s.forbid.is_empty() || s.max_severity.is_some(),
            "{}: a scenario must assert something",
            path.display()
        );
        let report = medcheck::check_json(&s.profile.to_string())
            .unwrap_or_else(|e| panic!("{}: invalid profile: {e}", path.display()));
        let mut problems = Vec::new();
        if report.medications.iter().any(|m| !m.recognized) {
            problems.push("  a medicine was not recognized".to_owned());
        }
        for p in &s.expect {
            if !report.findings.iter().any(|f| matches(f, p)) {
                problems.push(format!("  missing {p:?}"));
            }
        }
        for p in &s.forbid {
            if let Some(f) = report.findings.iter().find(|f| matches(f, p)) {
                problems.push(format!("  forbidden {p:?} fired as {}", f.rule));
            }
        }
        if let Some(max) = &s.max_severity {
            negatives += 1;
            let max = parse(max);
            for f in report.findings.iter().filter(|f| f.severity < max) {
                problems.push(format!(
                    "  above {}: {} {} {:?} ({})",
                    max.as_str(),
                    f.severity.as_str(),
                    f.kind.as_str(),
                    f.ingredients,
                    f.rule
                ));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{} — {}\n{}\n  found:\n{}",
                path.file_name().unwrap().to_string_lossy(),
                s.description,
                problems.join("\n"),
                describe(&report.findings)
            ));
        }
    }
    assert!(negatives >= 20, "only {negatives} negative scenarios");
    println!("{} scenarios, {} negative", paths.len(), negatives);
    assert!(
        failures.is_empty(),
        "{} of {} scenarios failed:\n\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n\n")
    );
}
