//! # What it checks
//! Duplicate therapy: the same ingredient on two or more lines (also inside combination
//! products: acetaminophen in Tylenol + NyQuil + Percocet), and two different medicines of one
//! therapeutic class (two NSAIDs, two SSRIs, two statins, …).
//!
//! # Why it matters
//! Doubling up adds side effects without adding benefit; hidden acetaminophen in cold and pain
//! products is a leading cause of accidental liver injury.
//!
//! # Example
//! "Tylenol" + "NyQuil" → moderate duplicate of acetaminophen; ibuprofen + naproxen → moderate
//! duplicate NSAIDs.
//!
//! # Sources
//! Class membership: FDA Established Pharmacologic Classes (`fda-epc`); ingredients of products:
//! FDA labels.

use super::{involved, join_names, Context, Present};
use crate::knowledge::{self, CLASSES};
use crate::report::{Finding, Kind, Severity, SourceList, Texts};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    same_ingredient(ctx, out);
    same_class(ctx, out);
}

fn same_ingredient(ctx: &Context, out: &mut Vec<Finding>) {
    for p in ctx.present.iter().filter(|p| p.lines.len() > 1) {
        let name = knowledge::ingredient(p.ingredient).id;
        let lines: Vec<String> = p.lines.iter().map(|&l| line_name(ctx, l)).collect();
        let listed = join_names(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        out.push(Finding {
            kind: Kind::Duplication,
            severity: Severity::Moderate,
            ingredients: vec![name],
            medications: p.lines.clone(),
            title: trf!("{} in more than one medicine", "{} en más de un medicamento", capitalize(name)).into(),
            patient: trf!(
                "{listed} all contain {name}. Taking them together means taking more {name} than you may realise.",
                "{listed} contienen {name}. Tomarlos juntos significa tomar más {name} de lo que quizás cree."
            )
            .into(),
            professional: format!(
                "Therapeutic duplication: {name} is an ingredient of {} separate entries; the total daily amount may exceed the intended dose.",
                p.lines.len()
            )
            .into(),
            action: tr!(
                "Check with your pharmacist which one to keep, and count every product when you add up your daily amount.",
                "Consulte con su farmacéutico cuál conservar, y cuente cada producto al sumar su cantidad diaria."
            )
            .into(),
            monitor: Texts::Fixed(&[]),
            sources: SourceList::Fixed(&["fda-label"]),
            rule: "same-ingredient".into(),
            evidence: None,
        });
    }
}

fn same_class(ctx: &Context, out: &mut Vec<Finding>) {
    // Most specific classes first, so that two SSRIs are reported as SSRIs and not again as
    // antidepressants.
    let mut classes: Vec<_> = CLASSES.iter().filter(|c| c.duplicate).collect();
    classes.sort_by_key(|c| c.members.len());
    let mut reported: Vec<Vec<u16>> = Vec::new();
    for class in classes {
        let members: Vec<&Present> = ctx.matching(class.members);
        if members.len() < 2 || !separate_lines(&members) {
            continue;
        }
        let ids: Vec<u16> = members.iter().map(|p| p.ingredient).collect();
        if reported.iter().any(|r| ids.iter().all(|i| r.contains(i))) {
            continue;
        }
        reported.push(ids);
        let names: Vec<&str> = members
            .iter()
            .map(|p| knowledge::ingredient(p.ingredient).id)
            .collect();
        let listed = join_names(&names);
        let (ingredients, medications) = involved(&members);
        out.push(Finding {
            kind: Kind::Duplication,
            severity: Severity::Moderate,
            ingredients,
            medications,
            title: trf!("Two medicines of one kind: {}", "Dos medicamentos del mismo tipo: {}", class.name).into(),
            patient: trf!(
                "{listed} are each a {}. Taking two of the same kind usually adds side effects without adding benefit.",
                "{listed} son cada uno del tipo: {}. Tomar dos del mismo tipo suele sumar efectos secundarios sin sumar beneficio.",
                class.name
            )
            .into(),
            professional: format!(
                "Therapeutic duplication within the class {} ({listed}). Confirm that both are intended (for example during a switch) or consolidate.",
                class.name
            )
            .into(),
            action: tr!(
                "Ask your pharmacist or doctor whether you need both. Do not stop either on your own.",
                "Pregunte a su farmacéutico o médico si necesita ambos. No deje ninguno por su cuenta."
            )
            .into(),
            monitor: Texts::Fixed(&[]),
            sources: SourceList::Fixed(&["fda-epc"]),
            rule: class.id.into(),
            evidence: None,
        });
    }
}

/// At least two of the members come from different input lines.
fn separate_lines(members: &[&Present]) -> bool {
    let mut lines: Vec<usize> = members
        .iter()
        .flat_map(|p| p.lines.iter().copied())
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines.len() > 1
}

fn line_name(ctx: &Context, line: usize) -> String {
    ctx.lines.get(line).and_then(|r| *r).map_or_else(
        || trf!("line {}", "línea {}", line + 1),
        |r| r.product.clone(),
    )
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_ascii_uppercase().to_string() + c.as_str()
    })
}
