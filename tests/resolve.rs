//! Name resolution as people actually type: case, punctuation, strengths, forms, salts, brands,
//! international names, combination products, pharmacy-system strings and misspellings.

use medcheck::knowledge::ingredient;
use medcheck::resolve::{medication, suggest};

fn ingredients(text: &str) -> Vec<&'static str> {
    match medication(text) {
        Ok(r) => r.ingredients.iter().map(|&i| ingredient(i).id).collect(),
        Err(u) => panic!(
            "{text:?} was not recognized; suggestions {:?}",
            u.suggestions
        ),
    }
}

fn resolves(cases: &[(&str, &[&str])]) {
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(text, want)| {
            let got = medication(text).map(|r| {
                r.ingredients
                    .iter()
                    .map(|&i| ingredient(i).id)
                    .collect::<Vec<_>>()
            });
            let mut sorted_got = got.clone().unwrap_or_default();
            sorted_got.sort_unstable();
            let mut sorted_want = want.to_vec();
            sorted_want.sort_unstable();
            (sorted_got != sorted_want).then(|| format!("{text:?}: want {want:?}, got {got:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn case_punctuation_strengths_and_forms() {
    resolves(&[
        ("LISINOPRIL", &["lisinopril"]),
        ("lisinopril 20mg", &["lisinopril"]),
        ("Lisinopril, 20 mg.", &["lisinopril"]),
        ("metformin 500 mg tablet", &["metformin"]),
        ("levothyroxine 75 mcg", &["levothyroxine"]),
        ("Metformin ER 500", &["metformin"]),
        ("Wellbutrin XL 150", &["bupropion"]),
        ("albuterol HFA inhaler", &["albuterol"]),
        ("Tylenol Extra Strength 500 mg", &["acetaminophen"]),
        ("Advil Liqui-Gels 200mg", &["ibuprofen"]),
        ("omeprazole 20 mg OTC", &["omeprazole"]),
        ("St. John's Wort", &["st. john's wort"]),
        ("st johns wort 300mg", &["st. john's wort"]),
    ]);
}

#[test]
fn salts_brands_and_international_names() {
    resolves(&[
        ("metoprolol succinate", &["metoprolol"]),
        ("sertraline hydrochloride", &["sertraline"]),
        ("losartan potassium 50 mg", &["losartan"]),
        ("Zoloft", &["sertraline"]),
        ("Lipitor 40", &["atorvastatin"]),
        ("paracetamol", &["acetaminophen"]),
        ("salbutamol", &["albuterol"]),
        ("frusemide", &["furosemide"]),
        ("glibenclamide", &["glyburide"]),
        ("adrenaline", &["epinephrine"]),
        ("rifampicin", &["rifampin"]),
        ("ciclosporin", &["cyclosporine"]),
        ("potassium chloride 20 mEq", &["potassium chloride"]),
    ]);
}

#[test]
fn combination_products_give_every_ingredient() {
    resolves(&[
        ("Percocet 5/325", &["oxycodone", "acetaminophen"]),
        ("Norco 10/325", &["hydrocodone", "acetaminophen"]),
        ("Tylenol PM", &["acetaminophen", "diphenhydramine"]),
        ("Bactrim DS", &["sulfamethoxazole", "trimethoprim"]),
        ("Augmentin 875", &["amoxicillin", "clavulanate"]),
        ("Zestoretic", &["lisinopril", "hydrochlorothiazide"]),
        ("Hyzaar", &["losartan", "hydrochlorothiazide"]),
        ("Janumet", &["sitagliptin", "metformin"]),
        ("Advair Diskus 250/50", &["fluticasone", "salmeterol"]),
        ("Suboxone", &["buprenorphine", "naloxone"]),
        (
            "lisinopril and hydrochlorothiazide",
            &["lisinopril", "hydrochlorothiazide"],
        ),
        (
            "acetaminophen 325 MG / oxycodone hydrochloride 5 MG Oral Tablet",
            &["acetaminophen", "oxycodone"],
        ),
        (
            "amitriptyline hydrochloride 25 MG Oral Tablet",
            &["amitriptyline"],
        ),
        (
            "24 HR metoprolol succinate 50 MG Extended Release Oral Tablet",
            &["metoprolol"],
        ),
    ]);
}

#[test]
fn strengths_follow_the_label_order() {
    let r = medication("Norco 5/325").unwrap();
    let pairs: Vec<(&str, Option<f32>)> = r
        .ingredients
        .iter()
        .map(|&i| ingredient(i).id)
        .zip(r.strengths_mg.iter().copied())
        .collect();
    assert_eq!(
        pairs,
        vec![("hydrocodone", Some(5.0)), ("acetaminophen", Some(325.0))]
    );
    let r = medication("Tylenol PM").unwrap();
    assert_eq!(r.strengths_mg, vec![Some(500.0), Some(25.0)]);
}

#[test]
fn a_clear_misspelling_is_corrected_with_a_confidence() {
    for (typed, want) in [
        ("lisinoprel", "lisinopril"),
        ("atorvastatn", "atorvastatin"),
        ("metforman", "metformin"),
        ("amoxicilin", "amoxicillin"),
        ("gabapentn", "gabapentin"),
    ] {
        let r = medication(typed).unwrap_or_else(|u| panic!("{typed}: {u:?}"));
        assert_eq!(ingredients(typed), vec![want], "{typed}");
        assert!(r.corrected, "{typed} should be marked corrected");
        assert!(
            r.confidence >= 0.8 && r.confidence < 1.0,
            "{typed}: confidence {}",
            r.confidence
        );
    }
}

#[test]
fn an_ambiguous_or_unknown_line_is_not_recognized_but_gets_suggestions() {
    let u = medication("hydroxy").unwrap_err();
    assert!(u.suggestions.len() >= 2, "{:?}", u.suggestions);
    let u = medication("qwzxv").unwrap_err();
    assert!(u.suggestions.len() <= 5);
    // Look-alike names (Celebrex / Celexa) are never silently corrected: the patient chooses.
    let u = medication("celebrax").unwrap_err();
    assert!(
        u.suggestions.iter().any(|s| s.contains("celecoxib")),
        "{:?}",
        u.suggestions
    );
    assert!(
        u.suggestions.iter().any(|s| s.contains("citalopram")),
        "{:?}",
        u.suggestions
    );
    assert!(medication("").is_err());
    assert!(medication("500 mg tablet").is_err());
}

#[test]
fn suggest_puts_prefix_matches_first_and_finds_near_spellings() {
    let s = suggest("metf", 5);
    assert_eq!(s[0].name, "metformin");
    assert!(s.iter().all(|x| x.prefix));
    let s = suggest("zolo", 5);
    assert!(s.iter().any(|x| x.detail == "sertraline"));
    let s = suggest("lisinoprel", 5);
    assert!(s.iter().any(|x| x.detail == "lisinopril"), "{s:?}");
    assert!(suggest("a", 8).len() == 8);
    assert!(suggest("   ", 8).is_empty());
}

#[test]
fn conditions_and_allergies_are_understood_by_their_spanish_names_too() {
    let r = medcheck::check_json(
        r#"{"conditions":["insuficiencia cardiaca","Hipertensión"],"allergies":["Penicilinas"],
        "medications":[{"name":"ibuprofeno"},{"name":"amoxicilina"}]}"#,
    )
    .expect("valid");
    let ids: Vec<_> = r.conditions.iter().map(|c| c.id).collect();
    assert_eq!(ids, [Some("heart-failure"), Some("hypertension")]);
    assert!(r.allergies[0].recognized);
    assert!(r
        .findings
        .iter()
        .any(|f| f.rule == "heart-failure-nsaid" || f.title.contains("heart failure")));
    assert!(r
        .findings
        .iter()
        .any(|f| f.kind == medcheck::report::Kind::Allergy));
}
