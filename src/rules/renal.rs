//! # What it checks
//! Medicines to avoid or reduce at the patient's kidney function (eGFR, mL/min/1.73 m²).
//!
//! # Why it matters
//! Medicines cleared by the kidneys build up when kidney function falls: metformin can cause
//! lactic acidosis, nitrofurantoin stops working and harms nerves and lungs, NSAIDs worsen kidney
//! function, and DOAC doses must change.
//!
//! # Example
//! `egfr: 25` with metformin → contraindicated `metformin-below-30` (and not also the milder
//! record for eGFR below 45: only the most severe record per medicine is reported).
//!
//! # Sources
//! Each record in `knowledge/renal.toml` names its own (FDA labels, AGS Beers 2023).

use super::{finding, Context};
use crate::knowledge::RENAL;
use crate::report::{Finding, Kind};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(egfr) = ctx.profile.egfr else { return };
    let applies: Vec<_> = RENAL.iter().filter(|r| egfr < r.below).collect();
    for rule in &applies {
        // Report each medicine once, under the most severe (then lowest-threshold) record.
        let hits: Vec<_> = ctx
            .matching(rule.drugs)
            .into_iter()
            .filter(|p| {
                !applies.iter().any(|other| {
                    crate::knowledge::contains(other.drugs, p.ingredient)
                        && (other.severity, other.below) < (rule.severity, rule.below)
                })
            })
            .collect();
        if !hits.is_empty() {
            out.push(finding(
                Kind::Renal,
                rule.severity,
                &rule.text,
                rule.id,
                rule.sources,
                &hits,
            ));
        }
    }
}
