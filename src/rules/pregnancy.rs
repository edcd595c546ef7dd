//! # What it checks
//! Medicines that can harm an unborn baby, or that are best avoided in pregnancy, when the
//! profile says the patient is pregnant.
//!
//! # Why it matters
//! Some medicines (isotretinoin, valproate, warfarin, ACE inhibitors later in pregnancy) cause
//! birth defects or fetal harm; the care team can often switch to a safer choice.
//!
//! # Example
//! `pregnant: true` with isotretinoin → contraindicated.
//!
//! # Sources
//! Each record in `knowledge/pregnancy.toml` names its own (FDA labels and pregnancy labelling).

use super::{drug_rules, Context};
use crate::knowledge::PREGNANCY;
use crate::report::{Finding, Kind};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    if ctx.profile.pregnant {
        drug_rules(ctx, Kind::Pregnancy, PREGNANCY, |_| true, out);
    }
}
