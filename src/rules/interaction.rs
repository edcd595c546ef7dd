//! # What it checks
//! Drug–drug interactions between medicines on different lines: mechanism rules over drug
//! properties (CYP roles, QT risk, serotonergic, CNS depressant, bleeding, potassium, …) and
//! explicit pair records, plus three-drug combinations (ACE inhibitor or ARB + diuretic + NSAID).
//!
//! # Why it matters
//! Interactions are the commonest preventable cause of medicine harm in people taking several
//! medicines; a missed serious one is the worst error a checker can make.
//!
//! # Example
//! warfarin + ibuprofen → major `anticoagulant-nsaid`; clarithromycin + simvastatin →
//! contraindicated. Ingredients inside one combination product are not checked against each
//! other: the product was designed that way.
//!
//! # Sources
//! Each record in `knowledge/interactions.toml` names its own (FDA labels and CYP table, ONC
//! high-priority list, NDF-RT, ANSM).

use super::{finding, Context, Present};
use crate::knowledge::{self, IngredientId, INTERACTIONS, TRIPLES};
use crate::report::{Finding, Kind};

/// The record chosen for a pair so far: its rank (most severe first, then explicit pairs before
/// mechanism rules, then record index) and the two present ingredients, as indices.
type Candidate = ((crate::report::Severity, bool, u16), usize, usize);

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    pairs(ctx, out);
    triples(ctx, out);
}

/// One finding per pair of ingredients: the most severe record, an explicit pair winning a tie.
fn pairs(ctx: &Context, out: &mut Vec<Finding>) {
    // (record, index in ctx.present) for every present ingredient that can be side B of a record.
    let mut as_b: Vec<(u16, usize)> = ctx
        .present
        .iter()
        .enumerate()
        .flat_map(|(k, p)| {
            knowledge::interactions_as_b(p.ingredient)
                .iter()
                .map(move |&r| (r, k))
        })
        .collect();
    as_b.sort_unstable();
    // The best record per unordered pair, kept in a table indexed by the pair.
    let n = ctx.present.len();
    let mut best: Vec<Option<Candidate>> = vec![None; n * n];
    for (i, x) in ctx.present.iter().enumerate() {
        for &r in knowledge::interactions_as_a(x.ingredient) {
            let start = as_b.partition_point(|&(rec, _)| rec < r);
            for &(_, j) in as_b[start..].iter().take_while(|&&(rec, _)| rec == r) {
                let y = &ctx.present[j];
                if i == j || !on_separate_lines(&[x, y]) {
                    continue;
                }
                let slot = &mut best[i.min(j) * n + i.max(j)];
                let candidate = (rank(r), i, j);
                if slot.is_none_or(|current| candidate.0 < current.0) {
                    *slot = Some(candidate);
                }
            }
        }
    }
    for ((_, _, r), a, b) in best.into_iter().flatten() {
        let rec = &INTERACTIONS[usize::from(r)];
        let present = [&ctx.present[a], &ctx.present[b]];
        let mut f = finding(
            Kind::Interaction,
            rec.severity,
            &rec.text,
            rec.id,
            rec.sources,
            &present,
        );
        f.evidence = rec.evidence;
        out.push(f);
    }
}

/// Three-drug records: one distinct present ingredient for each selector.
fn triples(ctx: &Context, out: &mut Vec<Finding>) {
    for t in TRIPLES {
        let rec = &INTERACTIONS[usize::from(t.record)];
        let pick = |members: &[IngredientId], taken: &[&Present]| {
            ctx.present.iter().find(|p| {
                knowledge::contains(members, p.ingredient)
                    && !taken.iter().any(|t| t.ingredient == p.ingredient)
            })
        };
        let Some(a) = pick(t.a, &[]) else { continue };
        let Some(b) = pick(t.b, &[a]) else { continue };
        let Some(c) = pick(t.c, &[a, b]) else {
            continue;
        };
        if on_separate_lines(&[a, b, c]) {
            out.push(finding(
                Kind::Interaction,
                rec.severity,
                &rec.text,
                rec.id,
                rec.sources,
                &[a, b, c],
            ));
        }
    }
}

/// Orders the records for one pair: most severe first, then an explicit pair before a class
/// rule, then the record order.
fn rank(r: u16) -> (crate::report::Severity, bool, u16) {
    let rec = &INTERACTIONS[usize::from(r)];
    (rec.severity, !rec.explicit, r)
}

/// True unless every ingredient comes only from one and the same line (a combination product).
fn on_separate_lines(present: &[&Present]) -> bool {
    let first = &present[0].lines;
    !(first.len() == 1 && present.iter().all(|p| p.lines == *first))
}
