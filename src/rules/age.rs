//! # What it checks
//! Potentially inappropriate medicines for older adults (AGS Beers Criteria 2023, STOPP v2),
//! from the age each record gives (65), and those that matter only with a condition (falls,
//! dementia, …).
//!
//! # Why it matters
//! Older adults clear many medicines more slowly and are more sensitive to sedation,
//! anticholinergic effects, falls and bleeding.
//!
//! # Example
//! `age: 78` with diphenhydramine → moderate `beers-first-generation-antihistamine`.
//!
//! # Sources
//! Each record in `knowledge/older-adults.toml` names its own.

use super::{drug_rules, Context};
use crate::knowledge::OLDER_ADULT;
use crate::report::{Finding, Kind};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(age) = ctx.profile.age else { return };
    drug_rules(
        ctx,
        Kind::Age,
        OLDER_ADULT,
        |r| age >= u32::from(r.min_age) && r.condition.is_none_or(|c| ctx.has_condition(c)),
        out,
    );
}
