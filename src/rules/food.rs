//! # What it checks
//! Food, drink and timing: alcohol, grapefruit, vitamin K foods, tyramine, caffeine, and
//! medicines that must be taken apart from food or calcium.
//!
//! # Why it matters
//! Grapefruit can raise statin levels, alcohol adds to sedation and liver harm, aged cheese with
//! an MAOI can cause a dangerous rise in blood pressure, and calcium can stop an antibiotic or
//! thyroid tablet from being absorbed.
//!
//! # Example
//! simvastatin → moderate `grapefruit-statins`.
//!
//! # Sources
//! Each record in `knowledge/food.toml` names its own.

use super::{drug_rules, Context};
use crate::knowledge::FOOD;
use crate::report::{Finding, Kind};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    drug_rules(ctx, Kind::Food, FOOD, |_| true, out);
}
