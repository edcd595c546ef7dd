//! Benchmarks: a 20-medicine check and autocomplete suggestions. Run with `make bench`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

const TWENTY: &str = r#"{"age": 78, "egfr": 40, "conditions": ["heart failure", "atrial fibrillation", "diabetes", "falls"],
 "allergies": ["penicillin", "sulfa"],
 "medications": [
  {"name": "warfarin 5 mg"}, {"name": "Lasix 40 mg"}, {"name": "lisinopril 20mg"},
  {"name": "metoprolol succinate 50 mg ER"}, {"name": "digoxin 0.125 mg"}, {"name": "amiodarone 200 mg"},
  {"name": "metformin 1000 mg", "dose": "1 tablet", "frequency": "twice daily"}, {"name": "glipizide 5 mg"},
  {"name": "atorvastatin 40 mg"}, {"name": "omeprazole 20 mg"}, {"name": "sertraline 50 mg"},
  {"name": "tramadol 50 mg"}, {"name": "Tylenol Extra Strength 500 mg", "dose": "2 tablets", "frequency": "every 6 hours"},
  {"name": "NyQuil"}, {"name": "ibuprofen 200 mg"}, {"name": "zolpidem 10 mg"}, {"name": "spironolactone 25 mg"},
  {"name": "potassium chloride 20 meq"}, {"name": "fish oil"}, {"name": "setraline"}]}"#;

fn benches(c: &mut Criterion) {
    let profile = medcheck::profile::from_json(TWENTY).expect("valid profile");
    c.bench_function("check 20 medicines", |b| {
        b.iter(|| medcheck::check(black_box(&profile)))
    });
    c.bench_function("check 20 medicines with plan", |b| {
        b.iter(|| medcheck::check_with_plan(black_box(&profile)))
    });
    c.bench_function("check_json 20 medicines (with plan)", |b| {
        b.iter(|| medcheck::check_json(black_box(TWENTY)))
    });
    for text in ["a", "met", "tylen", "setral"] {
        c.bench_function(&format!("suggest {text:?}"), |b| {
            b.iter(|| medcheck::suggest(black_box(text), 8))
        });
    }
}

criterion_group!(all, benches);
criterion_main!(all);
