//! # What it checks
//! Three or more CNS-active medicines at 65 or older: antiepileptics, antidepressants,
//! antipsychotics, benzodiazepines, z-drugs, opioids and skeletal muscle relaxants, in any
//! combination (AGS Beers 2023, drug–drug interactions to avoid).
//!
//! # Why it matters
//! Each adds to the risk of falls and fractures; together the risk climbs steeply in older adults.
//!
//! # Example
//! `age: 80` with sertraline, gabapentin and oxycodone → moderate `beers-three-cns-active`.
//!
//! # Sources
//! AGS Beers Criteria 2023 (`ags-beers-2023`), STOPP v2 (`stopp-start-v2`).

use super::{involved, Context, Present};
use crate::knowledge;
use crate::report::{Finding, Kind, Severity, SourceList, Texts};

/// Signs to watch for this finding.
const MONITOR: &[&str] = &[
    tr!("falls or near-falls", "caídas o casi caídas"),
    tr!("drowsiness or unsteadiness", "somnolencia o inestabilidad"),
];

/// Beers 2023 lists the combination from this age and this count.
const MIN_AGE: u32 = 65;
const MIN_COUNT: usize = 3;
const CNS_ACTIVE: &[&str] = &[
    "anticonvulsant",
    "gabapentinoid",
    "antidepressant",
    "antipsychotic",
    "benzodiazepine",
    "z-drug",
    "opioid",
    "muscle-relaxant",
];

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    if ctx.profile.age.is_none_or(|a| a < MIN_AGE) {
        return;
    }
    let classes: Vec<&knowledge::Class> = CNS_ACTIVE
        .iter()
        .filter_map(|c| knowledge::class_by_id(c))
        .collect();
    let active: Vec<&Present> = ctx
        .present
        .iter()
        .filter(|p| {
            classes
                .iter()
                .any(|c| knowledge::has_class(p.ingredient, c))
        })
        .collect();
    if active.len() < MIN_COUNT {
        return;
    }
    let (ingredients, medications) = involved(&active);
    let listed = super::join_names(&ingredients);
    out.push(Finding {
        kind: Kind::Age,
        severity: Severity::Moderate,
        ingredients,
        medications,
        title: trf!(
            "{} medicines that act on the brain at 65 or older",
            "{} medicamentos que actúan sobre el cerebro a los 65 años o más",
            active.len()
        )
        .into(),
        patient: trf!(
            "You take {} medicines that act on the brain and nerves ({listed}). After 65, three or more together make falls and broken bones much more likely.",
            "Usted toma {} medicamentos que actúan sobre el cerebro y los nervios ({listed}). Después de los 65 años, tres o más juntos hacen mucho más probables las caídas y las fracturas.",
            active.len()
        )
        .into(),
        professional: format!(
            "{} CNS-active drugs ({listed}); AGS Beers 2023 advises avoiding any combination of three or more because of falls and fractures. Consider which can be reduced or stopped.",
            active.len()
        )
        .into(),
        action: tr!(
            "Ask your doctor or pharmacist for a review of these medicines; some may be lowered or no longer needed.",
            "Pida a su médico o farmacéutico que revise estos medicamentos; quizás se pueda reducir alguno o ya no lo necesite."
        )
        .into(),
        monitor: Texts::Fixed(MONITOR),
        sources: SourceList::Fixed(&["ags-beers-2023", "stopp-start-v2"]),
        rule: "beers-three-cns-active".into(),
        evidence: None,
    });
}
