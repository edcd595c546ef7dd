//! # What it checks
//! The cumulative anticholinergic burden of the whole list: the sum of each medicine's score on
//! the Anticholinergic Cognitive Burden (ACB) scale (0–3), from a total of 3.
//!
//! # Why it matters
//! Anticholinergic effects add up across medicines that are each harmless alone. A total ACB
//! score of 3 or more is linked with confusion, falls, constipation, urinary retention and, over
//! years, cognitive decline, most of all in older adults.
//!
//! # Example
//! diphenhydramine (3) → total 3 → moderate; oxybutynin (3) + paroxetine (3) → total 6.
//!
//! # Sources
//! ACB scores from the anticholinergic burden scales compared side by side (Boustani 2008 and
//! others; `anticholinergic-scales`).

use super::{involved, Context, Present};
use crate::knowledge;
use crate::report::{Finding, Kind, Severity, SourceList, Texts};

/// Signs to watch for this finding.
const MONITOR: &[&str] = &[
    tr!(
        "confusion or memory problems",
        "confusión o problemas de memoria"
    ),
    tr!("constipation", "estreñimiento"),
    tr!("trouble passing urine", "dificultad para orinar"),
];

/// ACB total from which the burden is reported.
const WARN_FROM: u32 = 3;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let contributors: Vec<&Present> = ctx
        .present
        .iter()
        .filter(|p| knowledge::ingredient(p.ingredient).anticholinergic > 0)
        .collect();
    let total: u32 = contributors
        .iter()
        .map(|p| u32::from(knowledge::ingredient(p.ingredient).anticholinergic))
        .sum();
    if total < WARN_FROM {
        return;
    }
    let listed: Vec<String> = contributors
        .iter()
        .map(|p| {
            let i = knowledge::ingredient(p.ingredient);
            format!("{} {}", i.id, i.anticholinergic)
        })
        .collect();
    let (ingredients, medications) = involved(&contributors);
    out.push(Finding {
        kind: Kind::Anticholinergic,
        severity: Severity::Moderate,
        ingredients,
        medications,
        title: trf!("Anticholinergic burden: total score {total}", "Carga anticolinérgica: puntaje total {total}").into(),
        patient: trf!(
            "Together, your medicines have a strong drying, \"anticholinergic\" effect (score {total}; 3 or more is high). This can cause confusion, memory problems, constipation, dry mouth, blurred vision or trouble passing urine, and makes falls more likely.",
            "Juntos, sus medicamentos tienen un fuerte efecto secante, llamado \"anticolinérgico\" (puntaje {total}; 3 o más es alto). Esto puede causar confusión, problemas de memoria, estreñimiento, boca seca, visión borrosa o dificultad para orinar, y hace más probables las caídas."
        )
        .into(),
        professional: format!(
            "Total Anticholinergic Cognitive Burden (ACB) score {total} ({}). An ACB total of 3 or more is associated with cognitive impairment, falls and mortality, especially in older adults.",
            listed.join(", ")
        )
        .into(),
        action: tr!(
            "Ask your pharmacist or doctor whether any of these can be lowered or swapped for a medicine with less of this effect.",
            "Pregunte a su farmacéutico o médico si alguno de estos se puede reducir o cambiar por un medicamento con menos de este efecto."
        )
        .into(),
        monitor: Texts::Fixed(MONITOR),
        sources: SourceList::Fixed(&["anticholinergic-scales"]),
        rule: "anticholinergic-burden".into(),
        evidence: None,
    });
}
