//! The registry of rules: one line per hazard. Each rule reads the resolved profile and returns
//! structured findings whose wording comes from the knowledge record that fired.

use crate::knowledge::{self, IngredientId, Text};
use crate::profile::Checked;
use crate::report::{Finding, Kind, Severity, SourceList, Texts};
use crate::resolve::Resolution;

mod age;
mod allergy;
mod anticholinergic;
mod cns_active;
mod condition;
mod dose;
mod duplication;
mod food;
mod interaction;
mod pregnancy;
mod renal;

pub use dose::daily_amounts;

/// A rule adds its findings for one profile.
pub type Rule = fn(&Context, &mut Vec<Finding>);

/// Every rule, in the order their findings are listed at equal severity.
pub const RULES: &[(Kind, Rule)] = &[
    (Kind::Interaction, interaction::check),
    (Kind::Duplication, duplication::check),
    (Kind::Allergy, allergy::check),
    (Kind::Condition, condition::check),
    (Kind::Dose, dose::check),
    (Kind::Renal, renal::check),
    (Kind::Pregnancy, pregnancy::check),
    (Kind::Age, age::check),
    (Kind::Age, cns_active::check),
    (Kind::Anticholinergic, anticholinergic::check),
    (Kind::Food, food::check),
];

/// What an allergy line resolved to.
#[derive(Debug, Clone)]
pub enum AllergyTo {
    /// A named allergy group ("penicillins", "sulfa").
    Group(u16),
    /// A medicine by name ("Bactrim", "codeine"): its ingredients.
    Ingredients(Vec<IngredientId>),
}

/// An ingredient present in the profile and the input lines that contain it.
#[derive(Debug, Clone)]
pub struct Present {
    pub ingredient: IngredientId,
    pub lines: Vec<usize>,
}

/// The profile after name resolution: what the rules see.
pub struct Context<'a> {
    pub profile: &'a Checked,
    /// Per input line, what it resolved to (None when not recognized).
    pub lines: Vec<Option<&'a Resolution>>,
    /// Sorted by ingredient.
    pub present: Vec<Present>,
    /// Recognized condition indices.
    pub conditions: Vec<u16>,
    /// Recognized allergies, with the index of their input line.
    pub allergies: Vec<(usize, AllergyTo)>,
    /// For each ingredient, its index in `present` plus one (0: not present).
    slot: Vec<u16>,
}

impl<'a> Context<'a> {
    pub fn new(
        profile: &'a Checked,
        lines: Vec<Option<&'a Resolution>>,
        conditions: Vec<u16>,
        allergies: Vec<(usize, AllergyTo)>,
    ) -> Self {
        let mut present: Vec<Present> = Vec::new();
        for (line, r) in lines.iter().enumerate() {
            for &ingredient in r.iter().flat_map(|r| &r.ingredients) {
                match present.binary_search_by_key(&ingredient, |p| p.ingredient) {
                    Ok(i) => {
                        if !present[i].lines.contains(&line) {
                            present[i].lines.push(line);
                        }
                    }
                    Err(i) => present.insert(
                        i,
                        Present {
                            ingredient,
                            lines: vec![line],
                        },
                    ),
                }
            }
        }
        let mut slot = vec![0u16; knowledge::INGREDIENTS.len()];
        for (k, p) in present.iter().enumerate() {
            if let Some(s) = slot.get_mut(usize::from(p.ingredient)) {
                // At most one slot per known ingredient, so the index always fits.
                *s = u16::try_from(k + 1).unwrap_or(u16::MAX);
            }
        }
        Context {
            profile,
            lines,
            present,
            conditions,
            allergies,
            slot,
        }
    }

    pub fn lines_of(&self, ingredient: IngredientId) -> &[usize] {
        self.present
            .binary_search_by_key(&ingredient, |p| p.ingredient)
            .map_or(&[], |i| &self.present[i].lines)
    }

    /// Present ingredients among `members` (a sorted selector), in ingredient order.
    pub fn matching(&self, members: &[IngredientId]) -> Vec<&Present> {
        if members.len() <= self.present.len() * 4 {
            // Look each member up in the slot table: one load each.
            members
                .iter()
                .filter_map(|&m| match self.slot.get(usize::from(m)).copied() {
                    Some(k) if k > 0 => self.present.get(usize::from(k) - 1),
                    _ => None,
                })
                .collect()
        } else {
            self.present
                .iter()
                .filter(|p| knowledge::contains(members, p.ingredient))
                .collect()
        }
    }

    pub fn has_condition(&self, condition: u16) -> bool {
        self.conditions.contains(&condition)
    }
}

/// Says each older-adult caution once per medicine: an `age` finding drops a medicine that a
/// more severe `age` finding, or an equally severe `condition` finding, already names (Beers
/// "with heart failure" and the heart-failure caution describe the same problem). A finding left
/// with no medicine is removed.
pub fn prune_overlaps(ctx: &Context, findings: &mut Vec<Finding>) {
    // (ingredient, kind, severity) of every age and condition finding.
    let mut said: Vec<(&'static str, Kind, Severity, usize)> = Vec::new();
    for (i, f) in findings
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.kind, Kind::Age | Kind::Condition))
    {
        said.extend(
            f.ingredients
                .iter()
                .map(|&ing| (ing, f.kind, f.severity, i)),
        );
    }
    if said.is_empty() {
        return;
    }
    let covered = |ingredient: &str, severity: Severity, me: usize| {
        said.iter().any(|&(ing, kind, sev, i)| {
            i != me
                && ing == ingredient
                && match kind {
                    Kind::Age => sev < severity,
                    _ => sev <= severity,
                }
        })
    };
    let mut keep = vec![true; findings.len()];
    for i in 0..findings.len() {
        if findings[i].kind != Kind::Age {
            continue;
        }
        let remaining: Vec<&'static str> = findings[i]
            .ingredients
            .iter()
            .copied()
            .filter(|ing| !covered(ing, findings[i].severity, i))
            .collect();
        if remaining.is_empty() {
            keep[i] = false;
        } else if remaining.len() < findings[i].ingredients.len() {
            let mut lines: Vec<usize> = remaining
                .iter()
                .filter_map(|id| knowledge::ingredient_by_id(id))
                .flat_map(|ing| ctx.lines_of(ing).iter().copied())
                .collect();
            lines.sort_unstable();
            lines.dedup();
            findings[i].ingredients = remaining;
            findings[i].medications = lines;
        }
    }
    let mut k = keep.into_iter();
    findings.retain(|_| k.next().unwrap_or(true));
}

/// A finding worded by a knowledge record.
pub fn finding(
    kind: Kind,
    severity: Severity,
    text: &'static Text,
    rule: &'static str,
    sources: knowledge::Sources,
    present: &[&Present],
) -> Finding {
    let (ingredients, medications) = involved(present);
    Finding {
        kind,
        severity,
        ingredients,
        medications,
        title: text.title.get().into(),
        patient: text.patient.get().into(),
        professional: text.professional.get().into(),
        action: text.action.get().into(),
        monitor: Texts::Knowledge(text.monitor.get()),
        sources: SourceList::Knowledge(sources),
        rule: rule.into(),
        evidence: None,
    }
}

/// The ingredient ids and the sorted input lines of some present ingredients.
pub fn involved(present: &[&Present]) -> (Vec<&'static str>, Vec<usize>) {
    let mut ingredients = Vec::new();
    let mut medications = Vec::new();
    for p in present {
        let id = knowledge::ingredient(p.ingredient).id;
        if !ingredients.contains(&id) {
            ingredients.push(id);
        }
        medications.extend(p.lines.iter().copied());
    }
    medications.sort_unstable();
    medications.dedup();
    (ingredients, medications)
}

/// Runs every record of a drug-rule table whose circumstance applies, one finding per record
/// naming every present medicine it covers.
pub fn drug_rules(
    ctx: &Context,
    kind: Kind,
    table: &'static [knowledge::DrugRule],
    applies: impl Fn(&knowledge::DrugRule) -> bool,
    out: &mut Vec<Finding>,
) {
    for rule in table.iter().filter(|r| applies(r)) {
        let hits = ctx.matching(rule.drugs);
        if !hits.is_empty() {
            out.push(finding(
                kind,
                rule.severity,
                &rule.text,
                rule.id,
                rule.sources,
                &hits,
            ));
        }
    }
}

/// Human list: "a, b and c".
pub fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => trf!("{} and {last}", "{} y {last}", init.join(", ")),
    }
}
