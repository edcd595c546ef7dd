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

/// Signs to watch for this finding.
const MONITOR: &[&str] = &[tr!(
    "mouth sores, unusual bruising or bleeding, fever",
    "llagas en la boca, moretones o sangrado inusuales, fiebre"
)];

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
        let Some(limit) = knowledge::dose_of(p.ingredient) else {
            continue;
        };
        let name = knowledge::ingredient(p.ingredient).id;
        if limit.weekly {
            let daily: Vec<usize> = p
                .lines
                .iter()
                .copied()
                .filter(|&l| {
                    ctx.profile
                        .medications
                        .get(l)
                        .and_then(|m| m.frequency)
                        .is_some_and(|f| !f.weekly && f.per_day.is_some_and(|d| d >= 1.0))
                })
                .collect();
            if !daily.is_empty() {
                out.push(Finding {
                    kind: Kind::Dose,
                    severity: Severity::Major,
                    ingredients: vec![name],
                    medications: daily,
                    title: trf!("{name} is usually taken once a week", "{name} se suele tomar una vez por semana").into(),
                    patient: trf!(
                        "{name} is usually taken once a week, but your list says every day. Taking it daily by mistake can cause serious harm.",
                        "{name} se suele tomar una vez por semana, pero su lista dice todos los días. Tomarlo a diario por error puede causar un daño grave."
                    )
                    .into(),
                    professional: format!(
                        "{name} is dosed weekly for this use; daily dosing errors have caused fatal bone marrow and mucosal toxicity. Confirm the intended schedule."
                    )
                    .into(),
                    action: tr!(
                        "Check how often to take it with your pharmacist today, before the next dose.",
                        "Confirme hoy con su farmacéutico cada cuánto debe tomarlo, antes de la próxima dosis."
                    )
                    .into(),
                    monitor: Texts::Fixed(MONITOR),
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
            if let Some((_, mg)) = daily_amounts(ctx, l)
                .into_iter()
                .find(|(i, _)| *i == p.ingredient)
            {
                total += mg;
                lines.push(l);
            }
        }
        let (max, who, for_whom) = match limit.older_max_daily_mg {
            Some(m) if older => (
                m,
                "for someone 65 or older",
                tr!(
                    "for someone 65 or older",
                    "para una persona de 65 años o más"
                ),
            ),
            _ => (
                limit.max_daily_mg,
                "for an adult",
                tr!("for an adult", "para un adulto"),
            ),
        };
        if lines.is_empty() || total <= max * 1.001 {
            continue;
        }
        out.push(Finding {
            kind: Kind::Dose,
            severity: Severity::Major,
            ingredients: vec![name],
            medications: lines,
            title: trf!("Too much {name} in a day", "Demasiado {name} en un día").into(),
            patient: trf!(
                "Added up over your medicines, you may take about {} of {name} a day. The usual most {for_whom} is {}.",
                "Sumando todos sus medicamentos, puede que tome unos {} de {name} al día. Lo máximo habitual {for_whom} es {}.",
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
            action: tr!(
                "Talk to your pharmacist before your next dose about how much to take in a day.",
                "Hable con su farmacéutico antes de su próxima dosis sobre cuánto tomar al día."
            )
            .into(),
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

/// Up to two decimals, without trailing zeros ("2.5", "4", "0.13"). Integer arithmetic keeps
/// the float formatting machinery out of the wasm.
fn trim(v: f32) -> String {
    let hundredths = (f64::from(v.max(0.0)) * 100.0).round() as u64;
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    match (frac / 10, frac % 10) {
        (0, 0) => whole.to_string(),
        (tenths, 0) => format!("{whole}.{tenths}"),
        _ => format!("{whole}.{frac:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::mg;

    #[test]
    fn amounts_read_naturally() {
        assert_eq!(mg(4000.0), "4 g");
        assert_eq!(mg(4875.0), "4.88 g");
        assert_eq!(mg(2500.0), "2.5 g");
        assert_eq!(mg(650.0), "650 mg");
        assert_eq!(mg(0.075), "75 mcg");
        assert_eq!(mg(12.5), "12.5 mg");
    }
}
