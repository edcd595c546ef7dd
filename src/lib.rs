//! medcheck: medication therapy management checks that run entirely on the patient's device.
//!
//! The pipeline is input → resolve → rules → report:
//! [`profile`] reads and validates a profile, [`resolve`] turns each free-text line into
//! ingredients, the [`rules`] look for hazards using the compiled [`knowledge`] base, and the
//! [`report`] lists every input line and every finding. [`check`] is the one entry point.
//!
//! This is decision support, not medical advice.

pub mod date;
#[macro_use]
pub mod lang;
pub mod knowledge;
pub mod normalize;
pub mod plan;
pub mod profile;
pub mod report;
pub mod resolve;
pub mod rules;
#[cfg(target_arch = "wasm32")]
mod wasm;

use knowledge::{IngredientId, ALLERGIES, CONDITIONS};
use profile::Checked;
use report::{Education, IngredientAmount, Medication, Report, Severity, Summary, Term};
use rules::{AllergyTo, Context, RULES};

pub use profile::Error;
pub use resolve::{suggest, Suggestion};

/// Checks a validated profile: every input line resolved, every finding, and education. The
/// action plan is a further step built from these ([`check_with_plan`]).
pub fn check(profile: &Checked) -> Report {
    run(profile, false)
}

/// [`check`], plus the medication action plan and burden counts built from its findings. The
/// command line and the wasm module return this.
pub fn check_with_plan(profile: &Checked) -> Report {
    run(profile, true)
}

fn run(profile: &Checked, with_plan: bool) -> Report {
    let resolved: Vec<_> = profile
        .medications
        .iter()
        .map(|m| resolve::medication(&m.name))
        .collect();
    let lines = resolved.iter().map(|r| r.as_ref().ok()).collect();
    let (conditions, condition_terms) = conditions(&profile.conditions);
    let (allergies, allergy_terms) = allergies(&profile.allergies);
    let ctx = Context::new(profile, lines, conditions, allergies);

    let mut findings = Vec::new();
    for (_, rule) in RULES {
        rule(&ctx, &mut findings);
    }
    rules::prune_overlaps(&ctx, &mut findings);
    // Stable: equal findings keep the order the rules gave them.
    findings.sort_by_cached_key(|f| (f.severity, f.kind, f.medications.first().copied()));

    // The rule context borrows the resolutions; take what the report needs from it, then move
    // the resolutions into the report instead of copying them.
    let daily: Vec<Vec<(knowledge::IngredientId, f32)>> = (0..profile.medications.len())
        .map(|line| rules::daily_amounts(&ctx, line))
        .collect();
    let education: Vec<Education> = ctx
        .present
        .iter()
        .filter_map(|p| {
            let e = knowledge::education_of(p.ingredient)?;
            Some(Education {
                ingredient: knowledge::ingredient(p.ingredient).id,
                purpose: knowledge::ingredient(p.ingredient).purpose.get(),
                how_to_take: e.how_to_take.get(),
                side_effects: e.side_effects.get(),
                serious: e.serious.get(),
                avoid: e.avoid.get(),
                medications: p.lines.clone(),
                sources: report::SourceList::Knowledge(e.sources),
            })
        })
        .collect();
    let (plan, burden) = if with_plan {
        (
            Some(plan::plan(
                profile,
                &findings,
                &ctx.present,
                &ctx.conditions,
            )),
            Some(plan::burden(&ctx.present)),
        )
    } else {
        (None, None)
    };
    drop(ctx);
    let medications: Vec<Medication> = profile
        .medications
        .iter()
        .zip(resolved)
        .zip(daily)
        .map(|((m, r), daily)| match r {
            Ok(r) => Medication {
                input: m.name.clone(),
                recognized: true,
                ingredients: r
                    .ingredients
                    .iter()
                    .map(|&i| knowledge::ingredient(i).id)
                    .collect(),
                product: Some(r.product),
                corrected: r.corrected,
                confidence: r.confidence,
                suggestions: r.suggestions,
                daily_mg: daily
                    .into_iter()
                    .map(|(i, mg)| IngredientAmount {
                        ingredient: knowledge::ingredient(i).id,
                        mg,
                    })
                    .collect(),
            },
            Err(u) => Medication {
                input: m.name.clone(),
                recognized: false,
                product: None,
                ingredients: Vec::new(),
                corrected: false,
                confidence: 0.0,
                suggestions: u.suggestions,
                daily_mg: Vec::new(),
            },
        })
        .collect();

    let mut summary = Summary {
        unrecognized: medications.iter().filter(|m| !m.recognized).count(),
        ..Summary::default()
    };
    for f in &findings {
        match f.severity {
            Severity::Contraindicated => summary.contraindicated += 1,
            Severity::Major => summary.major += 1,
            Severity::Moderate => summary.moderate += 1,
            Severity::Minor => summary.minor += 1,
        }
    }
    Report {
        knowledge_version: knowledge::VERSION,
        language: lang::LANG,
        medications,
        conditions: condition_terms,
        allergies: allergy_terms,
        findings,
        plan,
        burden,
        education,
        summary,
    }
}

/// Reads a profile from JSON and checks it. The command line and the wasm module both come
/// through here, so they give the same report and the same errors.
pub fn check_json(json: &str) -> Result<Report, Error> {
    profile::from_json(json).map(|p| check_with_plan(&p))
}

fn conditions(inputs: &[String]) -> (Vec<u16>, Vec<Term>) {
    let mut ids = Vec::new();
    let terms = inputs
        .iter()
        .map(
            |text| match resolve::term(text, &knowledge::CONDITION_NAMES) {
                Ok(m) => {
                    let c = &CONDITIONS[usize::from(m.index)];
                    ids.push(m.index);
                    Term {
                        input: text.clone(),
                        recognized: true,
                        id: Some(c.id),
                        name: Some(c.name.to_owned()),
                        corrected: m.corrected,
                        suggestions: Vec::new(),
                    }
                }
                Err(suggestions) => unrecognized(text, suggestions),
            },
        )
        .collect();
    (ids, terms)
}

/// An allergy is a named group ("penicillins", "sulfa") or a medicine ("Bactrim", "codeine").
fn allergies(inputs: &[String]) -> (Vec<(usize, AllergyTo)>, Vec<Term>) {
    let mut resolved = Vec::new();
    let mut terms = Vec::new();
    for (line, text) in inputs.iter().enumerate() {
        let exact_group = knowledge::allergy_by_key(&resolve::allergy_words_removed(text))
            .or_else(|| knowledge::allergy_by_key(&normalize::normalize(text)));
        let medicine = || resolve::medication(&resolve::allergy_words_removed(text));
        let term = if let Some(g) = exact_group {
            resolved.push((line, AllergyTo::Group(g)));
            group_term(text, g, false)
        } else {
            match medicine() {
                Ok(r) if !r.corrected => medicine_term(text, r, line, &mut resolved),
                medicine_result => match resolve::term(text, &knowledge::ALLERGY_NAMES) {
                    Ok(m) => {
                        resolved.push((line, AllergyTo::Group(m.index)));
                        group_term(text, m.index, true)
                    }
                    Err(suggestions) => match medicine_result {
                        Ok(r) => medicine_term(text, r, line, &mut resolved),
                        Err(u) => {
                            let mut all = suggestions;
                            all.extend(u.suggestions);
                            all.truncate(5);
                            unrecognized(text, all)
                        }
                    },
                },
            }
        };
        terms.push(term);
    }
    (resolved, terms)
}

fn group_term(text: &str, g: u16, corrected: bool) -> Term {
    let a = &ALLERGIES[usize::from(g)];
    Term {
        input: text.to_owned(),
        recognized: true,
        id: Some(a.id),
        name: Some(a.name.to_owned()),
        corrected,
        suggestions: Vec::new(),
    }
}

fn medicine_term(
    text: &str,
    r: resolve::Resolution,
    line: usize,
    resolved: &mut Vec<(usize, AllergyTo)>,
) -> Term {
    let ids: Vec<IngredientId> = r.ingredients.clone();
    let id = ids.first().map(|&i| knowledge::ingredient(i).id);
    resolved.push((line, AllergyTo::Ingredients(ids)));
    Term {
        input: text.to_owned(),
        recognized: true,
        id,
        name: Some(r.product),
        corrected: r.corrected,
        suggestions: Vec::new(),
    }
}

fn unrecognized(text: &str, suggestions: Vec<String>) -> Term {
    Term {
        input: text.to_owned(),
        recognized: false,
        id: None,
        name: None,
        corrected: false,
        suggestions,
    }
}
