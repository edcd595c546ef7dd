//! # What it checks
//! Medicines that can worsen a condition the patient has (drug–disease cautions).
//!
//! # Why it matters
//! An NSAID can tip heart failure or kidney disease into a crisis; a decongestant raises blood
//! pressure; a non-selective beta-blocker can trigger an asthma attack.
//!
//! # Example
//! `conditions: ["heart failure"]` with ibuprofen → major caution `heart-failure-nsaid`.
//!
//! # Sources
//! Each record in `knowledge/condition-cautions.toml` names its own (FDA labels, AGS Beers 2023,
//! STOPP/START v2).

use super::{drug_rules, Context};
use crate::knowledge::CAUTIONS;
use crate::report::{Finding, Kind};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    drug_rules(
        ctx,
        Kind::Condition,
        CAUTIONS,
        |r| r.condition.is_some_and(|c| ctx.has_condition(c)),
        out,
    );
}
