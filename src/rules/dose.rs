//! # What it checks
//! The total daily amount of each ingredient, summed over every line that contains it, against
//! its daily maximum (lower from age 65 where the record says so); and a once-weekly medicine
//! (methotrexate) written as a daily one.
//!
//! # Why it matters
//! Acetaminophen above 4 g a day can injure the liver, and it hides in many cold and pain
//! products. Daily instead of weekly methotrexate has killed patients.
//!
//! # Example
//! Tylenol Extra Strength 500 mg, "2 tablets" "every 4 hours" → 6 g a day → major.
//!
//! # Sources
//! Each record in `knowledge/doses.toml` names its own (FDA labels).

use super::Context;
use crate::knowledge::{self, IngredientId};
use crate::profile::Amount;
use crate::report::{Finding, Kind, Severity, SourceList, Texts};

/// Daily milligrams per ingredient of one line, when its dose and frequency allow it.
pub fn daily_amounts(ctx: &Context, line: usize) -> Vec<(IngredientId, f32)> {
    let (Some(Some(r)), Some(m)) = (ctx.lines.get(line), ctx.profile.medications.get(line)) else {
        return Vec::new();
    };
    let (Some(amount), Some(per_day)) = (m.amount, m.frequency.and_then(|f| f.per_day)) else {
        return Vec::new();
    };
    match amount {
        // "1000 mg" only says how much of which ingredient for a single-ingredient line.
        Amount::Mg(mg) if r.ingredients.len() == 1 => vec![(r.ingredients[0], mg * per_day)],
        Amount::Units(n) => r
            .ingredients
            .iter()
            .zip(&r.strengths_mg)
            .filter_map(|(&i, s)| s.map(|s| (i, n * s * per_day)))
            .collect(),
        _ => Vec::new(),
    }
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let older = ctx.profile.age.is_some_and(|a| a >= 65);
    for p in &ctx.present {
        let Some(limit) = knowledge::dose_of(p.ingredient) else { continue };
        let name = knowledge::ingredient(p.ingredient).id;
        if limit.weekly {
            let daily: Vec<usize> = p
                .lines
                .iter()
                .copied()
                .filter(|&l| {
                    ctx.profile.medications.get(l).and_then(|m| m.frequency).is_some_and(|f| {
                        !f.weekly && f.per_day.is_some_and(|d| d >= 1.0)
                    })
                })
                .collect();
            if !daily.is_empty() {
                out.push(Finding {
                    kind: Kind::Dose,
                    severity: Severity::Major,
                    ingredients: vec![name],
                    medications: daily,
                    title: format!("{name} is usually taken once a week").into(),
                    patient: format!(
                        "{name} is usually taken once a week, but your list says every day. Taking it daily by mistake can cause serious harm."
                    )
                    .into(),
                    professional: format!(
                        "{name} is dosed weekly for this use; daily dosing errors have caused fatal bone marrow and mucosal toxicity. Confirm the intended schedule."
                    )
                    .into(),
                    action: "Check how often to take it with your pharmacist today, before the next dose.".into(),
                    monitor: Texts::Fixed(&["mouth sores, unusual bruising or bleeding, fever"]),
                    sources: SourceList::Knowledge(limit.sources),
                    rule: "weekly-taken-daily".into(),
                    evidence: None,
                });
            }
            continue;
        }
        let mut total = 0.0f32;
        let mut lines = Vec::new();
        for &l in &p.lines {
            if let Some((_, mg)) = daily_amounts(ctx, l).into_iter().find(|(i, _)| *i == p.ingredient) {
                total += mg;
                lines.push(l);
            }
        }
        let (max, who) = match limit.older_max_daily_mg {
            Some(m) if older => (m, "for someone 65 or older"),
            _ => (limit.max_daily_mg, "for an adult"),
        };
        if lines.is_empty() || total <= max * 1.001 {
            continue;
        }
        out.push(Finding {
            kind: Kind::Dose,
            severity: Severity::Major,
            ingredients: vec![name],
            medications: lines,
            title: format!("Too much {name} in a day").into(),
            patient: format!(
                "Added up over your medicines, you may take about {} of {name} a day. The usual most {who} is {}.",
                mg(total),
                mg(max)
            )
            .into(),
            professional: format!(
                "Calculated total daily {name} {} exceeds the labelled maximum of {} {who}.",
                mg(total),
                mg(max)
            )
            .into(),
            action: "Talk to your pharmacist before your next dose about how much to take in a day.".into(),
            monitor: Texts::Fixed(&[]),
            sources: SourceList::Knowledge(limit.sources),
            rule: "daily-maximum".into(),
            evidence: None,
        });
    }
}

/// "4 g", "650 mg", "75 mcg".
fn mg(value: f32) -> String {
    if value >= 1000.0 {
        format!("{} g", trim(value / 1000.0))
    } else if value < 1.0 {
        format!("{} mcg", trim(value * 1000.0))
    } else {
        format!("{} mg", trim(value))
    }
}

fn trim(v: f32) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
