//! Findings → a medication action plan: steps ordered by urgency and merged by who to see and
//! when, what to monitor, a follow-up timeline, questions to ask the pharmacist, and cumulative
//! burden scores. Built from the findings, never inside a rule.

use serde::Serialize;

use crate::date::Date;
use crate::knowledge::{self, IngredientId};
use crate::profile::Checked;
use crate::report::{Finding, Kind, Severity, Texts};
use crate::rules::Present;

/// Days before the follow-up of a step of each urgency.
const TODAY: i32 = 0;
const THIS_WEEK: i32 = 7;
const NEXT_VISIT: i32 = 30;
/// A full medication review at least once a year.
const YEARLY_REVIEW: i32 = 365;
/// Long-term use worth a question: PPIs past 8 weeks (AGS Beers 2023), sleep and anxiety
/// medicines past 4 weeks, daily over-the-counter products past 4 weeks.
const PPI_WEEKS: i32 = 8;
const SEDATIVE_WEEKS: i32 = 4;
const OTC_WEEKS: i32 = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum When {
    Today,
    ThisWeek,
    NextVisit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Who {
    Pharmacist,
    Doctor,
}

#[derive(Clone, Debug, Serialize)]
pub struct Action {
    /// What to do, in plain language.
    pub step: crate::report::Text,
    pub who: Who,
    pub when: When,
    /// The date to have done it by, when the profile gives `today`.
    pub due: Option<Date>,
    /// Indices into `findings`.
    pub findings: Vec<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Monitoring {
    pub what: &'static str,
    /// How often: for a test or measurement, from `monitoring.toml`; for a sign, to watch for it.
    pub interval: &'static str,
    /// Input lines of the medicines behind it.
    pub medications: Vec<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FollowUp {
    pub in_days: i32,
    pub date: Option<Date>,
    pub reason: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReviewPrompt {
    /// A question for the pharmacist, never an order to stop.
    pub question: String,
    pub medications: Vec<usize>,
    /// duplicate | older-adult | long-term | otc-daily | no-reason
    pub why: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct Goal {
    pub goal: &'static str,
    /// Input lines of the medicines it is about.
    pub medications: Vec<usize>,
    pub sources: crate::report::SourceList,
}

#[derive(Clone, Debug, Serialize)]
pub struct Plan {
    pub actions: Vec<Action>,
    pub goals: Vec<Goal>,
    pub monitoring: Vec<Monitoring>,
    pub follow_up: Vec<FollowUp>,
    pub review_prompts: Vec<ReviewPrompt>,
}

/// A count across the whole list, with the ingredients that contribute.
#[derive(Clone, Debug, Serialize)]
pub struct Count {
    pub count: u32,
    pub ingredients: Vec<&'static str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Burden {
    /// Total Anticholinergic Cognitive Burden (ACB) score.
    pub anticholinergic: Count,
    pub anticholinergic_scale: &'static str,
    pub cns_depressants: Count,
    pub serotonergic: Count,
    pub qt_prolonging: Count,
    pub bleeding_risk: Count,
}

pub fn plan(
    profile: &Checked,
    findings: &[Finding],
    present: &[Present],
    conditions: &[u16],
) -> Plan {
    Plan {
        actions: actions(profile, findings),
        goals: goals(present),
        monitoring: monitoring(findings),
        follow_up: follow_up(profile, findings),
        review_prompts: review_prompts(profile, findings, present, conditions),
    }
}

fn urgency(severity: Severity) -> Option<When> {
    match severity {
        Severity::Contraindicated => Some(When::Today),
        Severity::Major => Some(When::ThisWeek),
        Severity::Moderate => Some(When::NextVisit),
        Severity::Minor => None,
    }
}

fn days(when: When) -> i32 {
    match when {
        When::Today => TODAY,
        When::ThisWeek => THIS_WEEK,
        When::NextVisit => NEXT_VISIT,
    }
}

fn who(kind: Kind) -> Who {
    match kind {
        Kind::Condition | Kind::Age | Kind::Pregnancy | Kind::Renal => Who::Doctor,
        _ => Who::Pharmacist,
    }
}

/// One step per (urgency, person): a single finding keeps its own advice; several are merged
/// into one conversation that lists them.
fn actions(profile: &Checked, findings: &[Finding]) -> Vec<Action> {
    let mut groups: Vec<((When, Who), Vec<usize>)> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        let Some(when) = urgency(f.severity) else {
            continue;
        };
        let key = (when, who(f.kind));
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    groups.sort_by_key(|(k, _)| *k);
    groups
        .into_iter()
        .map(|((when, who), list)| {
            let person = match who {
                Who::Pharmacist => tr!("your pharmacist", "su farmacéutico"),
                Who::Doctor => tr!("your doctor", "su médico"),
            };
            let time = match when {
                When::Today => tr!(
                    "today, before your next dose",
                    "hoy, antes de su próxima dosis"
                ),
                When::ThisWeek => tr!("this week", "esta semana"),
                When::NextVisit => tr!("at your next visit", "en su próxima consulta"),
            };
            let step = match list.as_slice() {
                [one] => findings[*one].action.clone(),
                many => {
                    let mut titles: Vec<&str> = Vec::new();
                    for &i in many {
                        let title = findings[i].title.as_ref();
                        if !titles.contains(&title) {
                            titles.push(title);
                        }
                    }
                    trf!(
                        "Talk to {person} {time} about: {}.",
                        "Hable con {person} {time} sobre: {}.",
                        titles.join("; ")
                    )
                    .into()
                }
            };
            Action {
                step,
                who,
                when,
                due: profile.today.map(|t| t.plus_days(days(when))),
                findings: list,
            }
        })
        .collect()
}

fn goals(present: &[Present]) -> Vec<Goal> {
    knowledge::GOALS
        .iter()
        .filter_map(|g| {
            let mut lines: Vec<usize> = present
                .iter()
                .filter(|p| knowledge::contains(g.drugs, p.ingredient))
                .flat_map(|p| p.lines.iter().copied())
                .collect();
            lines.sort_unstable();
            lines.dedup();
            (!lines.is_empty()).then(|| Goal {
                goal: g.goal.get(),
                medications: lines,
                sources: crate::report::SourceList::Knowledge(g.sources),
            })
        })
        .collect()
}

/// The interval of a sign or symptom to watch for.
const WATCH_FOR: &str = tr!(
    "Watch for it; tell your pharmacist or doctor if it appears or gets worse.",
    "Esté atento; avise a su farmacéutico o médico si aparece o empeora."
);

fn monitoring(findings: &[Finding]) -> Vec<Monitoring> {
    // (key, first seen, text, lines): equal knowledge texts share a number and a fixed text its
    // address, so grouping sorts keys instead of comparing strings; the lines behind each
    // entry gather in a bit set (a profile has at most 100 lines).
    let mut items: Vec<(usize, usize, &'static str, &'static str, [u64; 2])> = Vec::new();
    // What to watch comes from the problems the plan acts on (moderate and above).
    for f in findings.iter().filter(|f| f.severity <= Severity::Moderate) {
        let mut bits = [0u64; 2];
        for &line in f.medications.iter().filter(|&&l| l < 128) {
            bits[line / 64] |= 1 << (line % 64);
        }
        match f.monitor {
            Texts::Knowledge(list) => {
                for t in list {
                    let interval =
                        knowledge::interval_of(*t).map_or(WATCH_FOR, |i| i.interval.get());
                    items.push((usize::from(t.0), items.len(), t.get(), interval, bits));
                }
            }
            Texts::Fixed(list) => {
                for t in list {
                    items.push((
                        usize::MAX - t.as_ptr() as usize,
                        items.len(),
                        *t,
                        WATCH_FOR,
                        bits,
                    ));
                }
            }
        }
    }
    items.sort_unstable_by_key(|i| (i.0, i.1));
    let mut merged: Vec<(usize, &'static str, &'static str, [u64; 2])> = Vec::new();
    let mut last_key = None;
    for (key, seen, what, interval, b) in items {
        if last_key == Some(key) {
            if let Some(m) = merged.last_mut() {
                m.3[0] |= b[0];
                m.3[1] |= b[1];
            }
        } else {
            merged.push((seen, what, interval, b));
            last_key = Some(key);
        }
    }
    merged.sort_unstable_by_key(|m| m.0);
    merged
        .into_iter()
        .map(|(_, what, interval, bits)| {
            let mut medications =
                Vec::with_capacity((bits[0].count_ones() + bits[1].count_ones()) as usize);
            for (w, mut word) in bits.into_iter().enumerate() {
                while word != 0 {
                    medications.push(w * 64 + word.trailing_zeros() as usize);
                    word &= word - 1;
                }
            }
            Monitoring {
                what,
                interval,
                medications,
            }
        })
        .collect()
}

fn follow_up(profile: &Checked, findings: &[Finding]) -> Vec<FollowUp> {
    let mut out = Vec::new();
    let at = |in_days: i32, reason: &'static str| FollowUp {
        in_days,
        date: profile.today.map(|t| t.plus_days(in_days)),
        reason,
    };
    let worst = findings.iter().map(|f| f.severity).min();
    if worst == Some(Severity::Contraindicated) {
        out.push(at(
            TODAY,
            tr!(
                "Speak with your pharmacist or doctor before your next dose.",
                "Hable con su farmacéutico o médico antes de su próxima dosis."
            ),
        ));
    }
    if worst.is_some_and(|s| s <= Severity::Major) {
        out.push(at(
            THIS_WEEK,
            tr!(
                "Check that the serious problems have been looked at and any changes made.",
                "Confirme que se revisaron los problemas graves y que se hicieron los cambios necesarios."
            ),
        ));
    }
    if worst.is_some_and(|s| s <= Severity::Moderate) {
        out.push(at(
            NEXT_VISIT,
            tr!(
                "Go over the remaining items and any tests or monitoring that were advised.",
                "Revise los demás puntos y las pruebas o controles que le indicaron."
            ),
        ));
    }
    out.push(at(
        YEARLY_REVIEW,
        tr!(
            "Full medication review with your pharmacist, bringing every medicine and supplement.",
            "Revisión completa de sus medicamentos con su farmacéutico; lleve todos sus medicamentos y suplementos."
        ),
    ));
    out
}

/// "What is this for?": a medicine with no stated reason when none of the conditions the patient
/// listed is among its usual uses. Asked only when the patient listed conditions, and only about
/// medicines whose every ingredient has known uses ([`knowledge::INDICATIONS`]).
fn no_stated_reason(
    profile: &Checked,
    present: &[Present],
    conditions: &[u16],
) -> Vec<ReviewPrompt> {
    if conditions.is_empty() {
        return Vec::new();
    }
    let uses = |i: IngredientId| {
        knowledge::INDICATIONS
            .iter()
            .filter(move |r| r.drugs.binary_search(&i).is_ok())
    };
    let mut out = Vec::new();
    for (line, m) in profile.medications.iter().enumerate() {
        if m.reason.as_deref().is_some_and(|r| !r.trim().is_empty()) {
            continue;
        }
        let ingredients: Vec<IngredientId> = present
            .iter()
            .filter(|p| p.lines.contains(&line))
            .map(|p| p.ingredient)
            .collect();
        let known =
            !ingredients.is_empty() && ingredients.iter().all(|&i| uses(i).next().is_some());
        let explained = ingredients
            .iter()
            .flat_map(|&i| uses(i))
            .any(|r| r.conditions.iter().any(|c| conditions.contains(c)));
        if known && !explained {
            out.push(ReviewPrompt {
                question: trf!(
                    "What is {} for? None of the conditions on my list is one it is usually used for.",
                    "¿Para qué es {}? Ninguno de los problemas de salud de mi lista es uno para los que se suele usar.",
                    m.name
                ),
                medications: vec![line],
                why: "no-reason",
            });
        }
    }
    out
}

fn review_prompts(
    profile: &Checked,
    findings: &[Finding],
    present: &[Present],
    conditions: &[u16],
) -> Vec<ReviewPrompt> {
    let mut out = finding_and_duration_prompts(profile, findings, present);
    // One question a medicine is enough: "what is it for" only where nothing else asks.
    for q in no_stated_reason(profile, present, conditions) {
        if !out.iter().any(|o| o.medications == q.medications) {
            out.push(q);
        }
    }
    out
}

fn finding_and_duration_prompts(
    profile: &Checked,
    findings: &[Finding],
    present: &[Present],
) -> Vec<ReviewPrompt> {
    let mut out = Vec::new();
    let name = |line: usize| {
        profile
            .medications
            .get(line)
            .map_or(tr!("this medicine", "este medicamento"), |m| {
                m.name.as_str()
            })
    };
    for f in findings {
        match f.kind {
            Kind::Duplication => {
                let names: Vec<&str> = f.medications.iter().map(|&l| name(l)).collect();
                out.push(ReviewPrompt {
                    question: trf!(
                        "Do I need all of these, or could one be enough: {}?",
                        "¿Necesito todos estos, o bastaría con uno: {}?",
                        names.join(", ")
                    ),
                    medications: f.medications.clone(),
                    why: "duplicate",
                });
            }
            Kind::Age if f.severity <= Severity::Moderate => {
                let names: Vec<&str> = f.medications.iter().map(|&l| name(l)).collect();
                out.push(ReviewPrompt {
                    question: trf!(
                        "Is {} still the best choice for me at my age?",
                        "¿Sigue siendo {} la mejor opción para mí a mi edad?",
                        names.join(" / ")
                    ),
                    medications: f.medications.clone(),
                    why: "older-adult",
                });
            }
            _ => {}
        }
    }
    // Two findings about the same lines (same ingredient, same class) ask one question.
    let mut seen: Vec<String> = Vec::new();
    out.retain(|q| {
        let new = !seen.contains(&q.question);
        seen.push(q.question.clone());
        new
    });
    let Some(today) = profile.today else {
        return out;
    };
    let class = |id: &str| knowledge::class_by_id(id);
    let has = |i: IngredientId, ids: &[&str]| {
        ids.iter()
            .filter_map(|c| class(c))
            .any(|c| knowledge::has_class(i, c))
    };
    for (line, m) in profile.medications.iter().enumerate() {
        let Some(start) = m.start else { continue };
        let weeks = start.days_until(today) / 7;
        let ingredients: Vec<IngredientId> = present
            .iter()
            .filter(|p| p.lines.contains(&line))
            .map(|p| p.ingredient)
            .collect();
        let daily = m
            .frequency
            .is_some_and(|f| !f.as_needed && !f.weekly && f.per_day.is_some_and(|d| d >= 1.0));
        let long_term = if ingredients.iter().any(|&i| has(i, &["ppi"])) && weeks >= PPI_WEEKS {
            Some(tr!(
                "an acid reducer",
                "un medicamento para reducir el ácido"
            ))
        } else if ingredients
            .iter()
            .any(|&i| has(i, &["benzodiazepine", "z-drug"]))
            && weeks >= SEDATIVE_WEEKS
        {
            Some(tr!(
                "a sleep or anxiety medicine",
                "un medicamento para dormir o para la ansiedad"
            ))
        } else {
            None
        };
        if let Some(kind) = long_term {
            out.push(ReviewPrompt {
                question: trf!(
                    "I have taken {} ({kind}) for about {weeks} weeks. Do I still need it, and how would we lower it safely if not?",
                    "Tomo {} ({kind}) desde hace unas {weeks} semanas. ¿Todavía lo necesito? Si no, ¿cómo lo reduciríamos de forma segura?",
                    m.name
                ),
                medications: vec![line],
                why: "long-term",
            });
        } else if daily
            && weeks >= OTC_WEEKS
            && ingredients.iter().any(|&i| {
                has(
                    i,
                    &[
                        "nsaid",
                        "antihistamine-sedating",
                        "antihistamine-nonsedating",
                        "decongestant",
                        "h2-blocker",
                    ],
                )
            })
        {
            out.push(ReviewPrompt {
                question: trf!(
                    "I take {} every day and have for about {weeks} weeks. Is that still right for me?",
                    "Tomo {} todos los días desde hace unas {weeks} semanas. ¿Sigue siendo lo adecuado para mí?",
                    m.name
                ),
                medications: vec![line],
                why: "otc-daily",
            });
        }
    }
    out
}

pub fn burden(present: &[Present]) -> Burden {
    let count = |classes: &[&str]| -> Count {
        let classes: Vec<&knowledge::Class> = classes
            .iter()
            .filter_map(|c| knowledge::class_by_id(c))
            .collect();
        let ingredients: Vec<&'static str> = present
            .iter()
            .filter(|p| {
                classes
                    .iter()
                    .any(|c| knowledge::has_class(p.ingredient, c))
            })
            .map(|p| knowledge::ingredient(p.ingredient).id)
            .collect();
        Count {
            count: ingredients.len() as u32,
            ingredients,
        }
    };
    let scored: Vec<&Present> = present
        .iter()
        .filter(|p| knowledge::ingredient(p.ingredient).anticholinergic > 0)
        .collect();
    Burden {
        anticholinergic: Count {
            count: scored
                .iter()
                .map(|p| u32::from(knowledge::ingredient(p.ingredient).anticholinergic))
                .sum(),
            ingredients: scored
                .iter()
                .map(|p| knowledge::ingredient(p.ingredient).id)
                .collect(),
        },
        anticholinergic_scale: tr!(
            "Anticholinergic Cognitive Burden (ACB)",
            "Carga cognitiva anticolinérgica (ACB)"
        ),
        cns_depressants: count(&["cns-depressant"]),
        serotonergic: count(&["serotonergic"]),
        qt_prolonging: count(&["qt-known", "torsadogenic"]),
        bleeding_risk: count(&["bleeding-risk", "anticoagulant", "antiplatelet"]),
    }
}
