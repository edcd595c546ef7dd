//! Knowledge-base integrity: ids unique and sorted, references resolving, sources present, names
//! unambiguous, every must-recognize ingredient known, and the data files in canonical order.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use medcheck::knowledge::{self, *};
use medcheck::normalize::normalize;

fn must_recognize() -> Vec<String> {
    fs::read_to_string("tests/data/must-recognize.txt")
        .expect("tests/data/must-recognize.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_must_recognize_ingredient_is_known_by_its_id() {
    let missing: Vec<String> = must_recognize()
        .into_iter()
        .filter(|id| ingredient_by_id(id).is_none())
        .collect();
    assert!(missing.is_empty(), "not in the knowledge base: {missing:?}");
}

#[test]
fn every_must_recognize_ingredient_resolves_from_free_text() {
    let mut wrong = Vec::new();
    for id in must_recognize() {
        for text in [id.clone(), id.to_uppercase(), format!("{id} 10 mg tablet")] {
            match medcheck::resolve::medication(&text) {
                Ok(r) if r.ingredients.len() == 1 && ingredient(r.ingredients[0]).id == id => {}
                other => wrong.push(format!("{text:?} → {other:?}")),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} lines resolve wrongly:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn ids_are_unique_and_sorted() {
    fn sorted_unique(table: &str, ids: Vec<&str>) {
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "{table}: ids must be unique and sorted");
    }
    sorted_unique("ingredients", INGREDIENTS.iter().map(|r| r.id).collect());
    sorted_unique("products", PRODUCTS.iter().map(|r| r.id).collect());
    sorted_unique("interactions", INTERACTIONS.iter().map(|r| r.id).collect());
    sorted_unique("conditions", CONDITIONS.iter().map(|r| r.id).collect());
    sorted_unique("allergies", ALLERGIES.iter().map(|r| r.id).collect());
    sorted_unique("sources", SOURCES.iter().map(|r| r.id).collect());
    sorted_unique("goals", GOALS.iter().map(|r| r.id).collect());
    for (name, table) in [
        ("cautions", CAUTIONS),
        ("older adults", OLDER_ADULT),
        ("pregnancy", PREGNANCY),
        ("renal", RENAL),
        ("food", FOOD),
    ] {
        sorted_unique(name, table.iter().map(|r| r.id).collect());
    }
    let dose_ids: Vec<u16> = DOSES.iter().map(|d| d.ingredient).collect();
    let mut sorted = dose_ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(dose_ids, sorted, "doses: one record per ingredient");
}

/// The TOML files themselves are kept sorted by id, so that a reviewer reads them in order.
#[test]
fn data_files_are_sorted_by_id() {
    let mut files = Vec::new();
    for dir in [
        "src/knowledge",
        "src/knowledge/ingredients",
        "src/knowledge/education",
    ] {
        for entry in fs::read_dir(dir).expect(dir) {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    assert!(files.len() >= 12, "knowledge files found: {files:?}");
    for path in files {
        let text = fs::read_to_string(&path).expect("read");
        let value: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (table, records) in &value {
            let ids: Vec<&str> = records
                .as_array()
                .unwrap_or_else(|| {
                    panic!("{}: [{table}] must be an array of tables", path.display())
                })
                .iter()
                .map(|r| r.get("id").and_then(|v| v.as_str()).unwrap_or(""))
                .collect();
            let mut sorted = ids.clone();
            sorted.sort_unstable();
            assert_eq!(
                ids,
                sorted,
                "{}: [[{table}]] records are not sorted by id",
                path.display()
            );
            assert!(
                ids.iter().all(|i| !i.is_empty()),
                "{}: a record has no id",
                path.display()
            );
        }
    }
}

#[test]
fn every_clinical_record_names_known_sources() {
    let known: BTreeSet<&str> = SOURCES.iter().map(|s| s.id).collect();
    let mut records: Vec<(String, Vec<&str>)> = Vec::new();
    records.extend(
        INGREDIENTS
            .iter()
            .map(|r| (format!("ingredient {}", r.id), r.sources.to_vec())),
    );
    records.extend(
        PRODUCTS
            .iter()
            .map(|r| (format!("product {}", r.id), r.sources.to_vec())),
    );
    records.extend(
        INTERACTIONS
            .iter()
            .map(|r| (format!("interaction {}", r.id), r.sources.to_vec())),
    );
    records.extend(
        ALLERGIES
            .iter()
            .map(|r| (format!("allergy {}", r.id), r.sources.to_vec())),
    );
    records.extend(DOSES.iter().map(|r| {
        (
            format!("dose {}", ingredient(r.ingredient).id),
            r.sources.to_vec(),
        )
    }));
    for table in [CAUTIONS, OLDER_ADULT, PREGNANCY, RENAL, FOOD] {
        records.extend(
            table
                .iter()
                .map(|r| (format!("record {}", r.id), r.sources.to_vec())),
        );
    }
    for (name, sources) in records {
        assert!(!sources.is_empty(), "{name} has no sources");
        for s in &sources {
            assert!(known.contains(s), "{name}: unknown source {s}");
        }
    }
}

/// A selector that matches nothing is a rule that can never fire: almost always a typo or a
/// missing tag on the ingredients.
#[test]
fn every_rule_can_fire() {
    let mut dead = Vec::new();
    for (i, r) in INTERACTIONS.iter().enumerate() {
        let i = i as u16;
        let side = |index: fn(u16) -> &'static [u16]| {
            (0..INGREDIENTS.len() as u16).any(|g| index(g).contains(&i))
        };
        let fires = match TRIPLES.iter().find(|t| t.record == i) {
            Some(t) => !t.a.is_empty() && !t.b.is_empty() && !t.c.is_empty(),
            None => side(interactions_as_a) && side(interactions_as_b),
        };
        if !fires {
            dead.push(format!("interaction {}", r.id));
        }
    }
    for r in ALLERGIES {
        if r.members.is_empty() {
            dead.push(format!("allergy {}", r.id));
        }
    }
    for table in [CAUTIONS, OLDER_ADULT, PREGNANCY, RENAL, FOOD] {
        dead.extend(
            table
                .iter()
                .filter(|r| r.drugs.is_empty())
                .map(|r| format!("record {}", r.id)),
        );
    }
    assert!(dead.is_empty(), "rules that match no ingredient: {dead:?}");
}

#[test]
fn names_are_unambiguous_and_normalised() {
    let names: Vec<Name> = all_names().iter().collect();
    for pair in names.windows(2) {
        assert!(
            pair[0].key() < pair[1].key(),
            "name {:?} is listed twice",
            pair[1].key()
        );
    }
    for n in names {
        assert_eq!(
            normalize(n.key()),
            n.key(),
            "name key {:?} is not normalised",
            n.key()
        );
        assert_eq!(
            knowledge::name(n.key()),
            Some(n),
            "name {:?} is not found by its key",
            n.key()
        );
        // A name belongs to one ingredient, or to one product (which may hold several).
        let targets = knowledge::ingredients_of(n.target());
        assert!(!targets.is_empty());
    }
}

#[test]
fn the_knowledge_base_is_as_large_as_promised() {
    let c = counts();
    assert!(c.ingredients >= must_recognize().len());
    assert!(c.products >= 60, "products: {}", c.products);
    assert!(PRODUCTS.iter().all(|p| p.ingredients.len() >= 2));
    for product in [
        "percocet",
        "norco",
        "nyquil",
        "tylenol pm",
        "excedrin",
        "augmentin",
        "bactrim",
        "zestoretic",
        "hyzaar",
        "janumet",
        "advair",
        "suboxone",
    ] {
        let name = knowledge::name(&normalize(product))
            .unwrap_or_else(|| panic!("{product} is not known"));
        assert!(
            matches!(name.target(), Target::Product(_)),
            "{product} is not a combination product"
        );
    }
    assert!(!VERSION.is_empty());
}

#[test]
fn class_members_are_sorted_and_known() {
    for class in CLASSES {
        assert!(
            class.members.windows(2).all(|w| w[0] < w[1]),
            "{}: members not sorted",
            class.id
        );
        assert!(
            class
                .members
                .iter()
                .all(|&m| usize::from(m) < INGREDIENTS.len()),
            "{}",
            class.id
        );
    }
    assert!(Path::new("src/knowledge/VERSION").exists());
}

/// Every supplement and herbal product has at least one interaction record with an evidence
/// grade, and every ingredient has patient education.
#[test]
fn supplements_have_graded_interactions_and_every_ingredient_has_education() {
    let supplements = class_by_id("dietary-supplement").expect("dietary-supplement class");
    assert!(
        supplements.members.len() >= 40,
        "supplements: {}",
        supplements.members.len()
    );
    let mut ungraded = Vec::new();
    for &s in supplements.members {
        let graded = INTERACTIONS.iter().enumerate().any(|(r, rec)| {
            let r = r as u16;
            rec.evidence.is_some()
                && (interactions_as_a(s).contains(&r)
                    || interactions_as_b(s).contains(&r)
                    || TRIPLES.iter().any(|t| {
                        t.record == r && (t.a.contains(&s) || t.b.contains(&s) || t.c.contains(&s))
                    }))
        });
        if !graded {
            ungraded.push(ingredient(s).id);
        }
    }
    assert!(
        ungraded.is_empty(),
        "supplements without a graded interaction: {ungraded:?}"
    );
    let missing: Vec<&str> = (0..INGREDIENTS.len() as u16)
        .filter(|&i| education_of(i).is_none())
        .map(|i| ingredient(i).id)
        .collect();
    assert!(
        missing.is_empty(),
        "ingredients without education: {missing:?}"
    );
}

#[test]
fn every_patient_facing_text_has_a_spanish_version() {
    use medcheck::knowledge::{ES_MISSING, ES_UNUSED};
    let show = |list: &[&str]| {
        list.iter()
            .take(5)
            .map(|t| format!("{t:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    assert!(
        ES_MISSING.is_empty(),
        "{} patient-facing texts have no Spanish version (run tools/es_sync.py, then fill in `es`): {}",
        ES_MISSING.len(),
        show(ES_MISSING)
    );
    assert!(
        ES_UNUSED.is_empty(),
        "{} Spanish texts translate English that is no longer used (remove them from src/knowledge/es/): {}",
        ES_UNUSED.len(),
        show(ES_UNUSED)
    );
}

/// Every record id of a table ("older_adult", "interaction", …) across the knowledge files.
fn record_ids() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut dirs = vec![Path::new("src/knowledge").to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                let value: toml::Table =
                    toml::from_str(&fs::read_to_string(&path).expect("read")).expect("toml");
                for records in value.values().filter_map(|v| v.as_array()) {
                    ids.extend(
                        records.iter().filter_map(|r| {
                            r.get("id").and_then(|v| v.as_str()).map(str::to_owned)
                        }),
                    );
                }
            }
        }
    }
    ids
}

/// The rows of an audit table: (key columns, status, record ids).
fn audit(path: &str, keys: usize) -> Vec<(Vec<String>, String, Vec<String>)> {
    let text = fs::read_to_string(path).expect(path);
    let ids = record_ids();
    let mut rows = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() > keys + 1, "{path}:{}: too few columns", n + 1);
        let status = cols[keys].to_owned();
        assert!(
            [
                "covered",
                "added",
                "partial",
                "not-applicable",
                "unverified"
            ]
            .contains(&status.as_str()),
            "{path}:{}: unknown status {status:?}",
            n + 1
        );
        let records: Vec<String> = cols[keys + 1]
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        for r in &records {
            assert!(
                ids.contains(r),
                "{path}:{}: no knowledge record has the id {r:?}",
                n + 1
            );
        }
        if ["covered", "added", "partial"].contains(&status.as_str()) {
            assert!(
                !records.is_empty(),
                "{path}:{}: {status} names no record",
                n + 1
            );
        } else {
            assert!(
                cols.get(keys + 2)
                    .is_some_and(|note| !note.trim().is_empty()),
                "{path}:{}: {status} needs a note",
                n + 1
            );
        }
        rows.push((
            cols[..keys].iter().map(|s| (*s).to_owned()).collect(),
            status,
            records,
        ));
    }
    rows
}

fn print_statuses(name: &str, rows: &[(Vec<String>, String, Vec<String>)]) {
    let mut counts = std::collections::BTreeMap::new();
    for (_, status, _) in rows {
        *counts.entry(status.as_str()).or_insert(0) += 1;
    }
    println!("{name}: {} rows {counts:?}", rows.len());
}

#[test]
fn every_stopp_criterion_is_audited() {
    let rows = audit("tests/data/stopp-audit.tsv", 1);
    let audited: Vec<&str> = rows.iter().map(|(k, _, _)| k[0].as_str()).collect();
    let criteria: Vec<String> = fs::read_to_string("tests/data/stopp-criteria.txt")
        .expect("criteria")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    assert_eq!(audited, criteria, "one row per STOPP criterion, in order");
    print_statuses("STOPP v2", &rows);
}

#[test]
fn the_beers_audit_names_real_records() {
    let rows = audit("tests/data/beers-audit.tsv", 2);
    for table in ["2", "3", "4", "5", "6"] {
        let n = rows.iter().filter(|(k, _, _)| k[0] == table).count();
        assert!(n > 0, "Beers table {table} is audited");
        print_statuses(
            &format!("Beers 2023 table {table}"),
            &rows
                .iter()
                .filter(|(k, _, _)| k[0] == table)
                .cloned()
                .collect::<Vec<_>>(),
        );
    }
}
