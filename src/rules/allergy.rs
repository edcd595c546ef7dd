//! # What it checks
//! Medicines the patient reported an allergy to, and medicines with cross-sensitivity to that
//! allergy: other penicillins (major or above), cephalosporins after a penicillin allergy (low
//! cross-risk), sulfonamide antibiotics (a "sulfa" allergy is not a reason to avoid furosemide),
//! aspirin and NSAIDs, opioids.
//!
//! # Why it matters
//! A repeat exposure can cause a severe reaction; over-calling cross-sensitivity, on the other
//! hand, withholds the best medicine for nothing.
//!
//! # Example
//! `allergies: ["PCN"]` with amoxicillin → contraindicated; with cephalexin → minor.
//!
//! # Sources
//! Each group in `knowledge/allergies.toml` names its own.

use super::{finding, join_names, AllergyTo, Context, Present};
use crate::knowledge::{self, IngredientId, ALLERGIES};
use crate::report::{Finding, Kind, Severity, SourceList, Texts};

/// Signs to watch for this finding.
const MONITOR: &[&str] = &[tr!(
    "rash, hives, swelling of the face or throat, trouble breathing",
    "sarpullido, ronchas, hinchazón de la cara o la garganta, dificultad para respirar"
)];

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for (line, allergy) in &ctx.allergies {
        match allergy {
            AllergyTo::Group(g) => group(ctx, usize::from(*g), &[], out),
            AllergyTo::Ingredients(ingredients) => {
                same_medicine(ctx, *line, ingredients, out);
                // An allergy to one medicine extends to its group ("Bactrim" → sulfonamide
                // antibiotics), but the medicine itself is already reported above.
                for (g, a) in ALLERGIES.iter().enumerate() {
                    if ingredients
                        .iter()
                        .any(|&i| knowledge::contains(a.members, i))
                    {
                        group(ctx, g, ingredients, out);
                    }
                }
            }
        }
    }
}

fn same_medicine(ctx: &Context, line: usize, ingredients: &[IngredientId], out: &mut Vec<Finding>) {
    let hits: Vec<&Present> = ctx
        .present
        .iter()
        .filter(|p| ingredients.contains(&p.ingredient))
        .collect();
    if hits.is_empty() {
        return;
    }
    let names: Vec<&str> = hits
        .iter()
        .map(|p| knowledge::ingredient(p.ingredient).id)
        .collect();
    let listed = join_names(&names);
    let input = ctx.profile.allergies.get(line).map_or("", String::as_str);
    let (ingredients, medications) = super::involved(&hits);
    out.push(Finding {
        kind: Kind::Allergy,
        severity: Severity::Contraindicated,
        ingredients,
        medications,
        title: trf!("Allergy: {listed}", "Alergia: {listed}").into(),
        patient: trf!(
            "You listed an allergy to {input}, and your list contains {listed}.",
            "Usted indicó una alergia a {input}, y su lista incluye {listed}."
        )
        .into(),
        professional: format!(
            "Reported allergy ({input}) to an ingredient on the medication list ({listed}). Verify the reaction history before any dose."
        )
        .into(),
        action: tr!(
            "Do not take this medicine until your pharmacist or doctor has checked your allergy.",
            "No tome este medicamento hasta que su farmacéutico o médico haya revisado su alergia."
        )
        .into(),
        monitor: Texts::Fixed(MONITOR),
        sources: SourceList::Fixed(&["fda-label"]),
        rule: "same-medicine-allergy".into(),
        evidence: None,
    });
}

/// The group's own members, then its cross-sensitivities; each present medicine is reported
/// once, under the most severe entry. `skip` holds medicines already reported.
fn group(ctx: &Context, g: usize, skip: &[IngredientId], out: &mut Vec<Finding>) {
    let a = &ALLERGIES[g];
    let mut taken: Vec<IngredientId> = skip.to_vec();
    let mut emit = |members: &[IngredientId], severity, text, out: &mut Vec<Finding>| {
        let hits: Vec<&Present> = ctx
            .matching(members)
            .into_iter()
            .filter(|p| !taken.contains(&p.ingredient))
            .collect();
        if !hits.is_empty() {
            taken.extend(hits.iter().map(|p| p.ingredient));
            out.push(finding(
                Kind::Allergy,
                severity,
                text,
                a.id,
                a.sources,
                &hits,
            ));
        }
    };
    emit(a.members, a.severity, &a.text, out);
    let mut cross: Vec<_> = a.cross.iter().collect();
    cross.sort_by_key(|c| c.severity);
    for c in cross {
        emit(c.drugs, c.severity, &c.text, out);
    }
}
