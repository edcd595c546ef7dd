//! The output of a check: one entry per input line, the findings, and the knowledge version.

use std::borrow::Cow;

use serde::Serialize;

/// Action-first severity, most severe first (so that sorting puts it on top).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Do not combine / do not use.
    Contraindicated,
    /// Usually avoid, or change the dose and monitor closely.
    Major,
    /// Monitor or adjust.
    Moderate,
    Minor,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Contraindicated,
        Severity::Major,
        Severity::Moderate,
        Severity::Minor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Contraindicated => "contraindicated",
            Severity::Major => "major",
            Severity::Moderate => "moderate",
            Severity::Minor => "minor",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Interaction,
    Duplication,
    Condition,
    Allergy,
    Age,
    Pregnancy,
    Renal,
    Dose,
    Food,
    /// Cumulative anticholinergic burden across the whole list.
    Anticholinergic,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Interaction,
        Kind::Duplication,
        Kind::Condition,
        Kind::Allergy,
        Kind::Age,
        Kind::Pregnancy,
        Kind::Renal,
        Kind::Dose,
        Kind::Food,
        Kind::Anticholinergic,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Interaction => "interaction",
            Kind::Duplication => "duplication",
            Kind::Condition => "condition",
            Kind::Allergy => "allergy",
            Kind::Age => "age",
            Kind::Pregnancy => "pregnancy",
            Kind::Renal => "renal",
            Kind::Dose => "dose",
            Kind::Food => "food",
            Kind::Anticholinergic => "anticholinergic",
        }
    }
}

pub type Text = Cow<'static, str>;

/// A list of texts from the knowledge base or fixed in a rule, written as a list of strings.
#[derive(Clone, Copy, Debug)]
pub enum Texts {
    Knowledge(&'static [crate::knowledge::Str]),
    Fixed(&'static [&'static str]),
}

impl Serialize for Texts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Texts::Knowledge(list) => s.collect_seq(list.iter().map(|t| t.get())),
            Texts::Fixed(list) => s.collect_seq(list),
        }
    }
}

/// The references behind a finding: a knowledge record's, or fixed in a rule.
#[derive(Clone, Copy, Debug)]
pub enum SourceList {
    Knowledge(crate::knowledge::Sources),
    Fixed(&'static [&'static str]),
}

impl Serialize for SourceList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            SourceList::Knowledge(sources) => s.collect_seq(sources.ids()),
            SourceList::Fixed(list) => s.collect_seq(list),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub kind: Kind,
    pub severity: Severity,
    /// Ingredient ids involved.
    pub ingredients: Vec<&'static str>,
    /// Indices of the input medication lines involved.
    pub medications: Vec<usize>,
    pub title: Text,
    /// Plain language for the patient.
    pub patient: Text,
    /// Mechanism and evidence for the pharmacist, in English. A build without the `professional`
    /// feature (the patient page's) leaves the knowledge base's clinical texts out, and then this
    /// is absent.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub professional: Text,
    /// What to do.
    pub action: Text,
    /// What to watch.
    pub monitor: Texts,
    pub sources: SourceList,
    /// The knowledge record behind the finding.
    pub rule: Text,
    /// How well documented the interaction is, where the record grades it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<crate::knowledge::Evidence>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Medication {
    /// The line exactly as entered.
    pub input: String,
    pub recognized: bool,
    /// The product or ingredient name it resolved to.
    pub product: Option<String>,
    pub ingredients: Vec<&'static str>,
    /// A misspelling was corrected to `product`.
    pub corrected: bool,
    /// 1.0 for an exact name; the similarity of the match for a corrected one.
    pub confidence: f32,
    /// Closest known names, when not recognized or corrected.
    pub suggestions: Vec<String>,
    /// Total daily amount per ingredient, when the dose and frequency allow it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub daily_mg: Vec<IngredientAmount>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IngredientAmount {
    pub ingredient: &'static str,
    pub mg: f32,
}

/// A condition or an allergy line, resolved.
#[derive(Clone, Debug, Serialize)]
pub struct Term {
    pub input: String,
    pub recognized: bool,
    /// The id it resolved to (a condition id, an allergy group id, or an ingredient id).
    pub id: Option<&'static str>,
    pub name: Option<String>,
    pub corrected: bool,
    pub suggestions: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub contraindicated: usize,
    pub major: usize,
    pub moderate: usize,
    pub minor: usize,
    pub unrecognized: usize,
}

/// How to take one ingredient on the list, from the knowledge base.
#[derive(Clone, Debug, Serialize)]
pub struct Education {
    pub ingredient: &'static str,
    /// What it is for, in one line.
    pub purpose: &'static str,
    pub how_to_take: &'static str,
    #[serde(serialize_with = "texts")]
    pub side_effects: &'static [crate::knowledge::Str],
    /// Effects that mean "call your doctor now".
    #[serde(serialize_with = "texts")]
    pub serious: &'static [crate::knowledge::Str],
    #[serde(serialize_with = "texts")]
    pub avoid: &'static [crate::knowledge::Str],
    /// Input lines that contain it.
    pub medications: Vec<usize>,
    pub sources: SourceList,
}

/// Writes knowledge texts as a list of strings, without collecting them first.
fn texts<S: serde::Serializer>(
    list: &&'static [crate::knowledge::Str],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(list.iter().map(|t| t.get()))
}

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub knowledge_version: &'static str,
    /// The language of the patient-facing texts: `en`, or `es` in the Spanish build.
    pub language: &'static str,
    pub medications: Vec<Medication>,
    pub conditions: Vec<Term>,
    pub allergies: Vec<Term>,
    /// Most severe first.
    pub findings: Vec<Finding>,
    /// What to do about the findings, what to watch, when to follow up, what to ask.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<crate::plan::Plan>,
    /// Cumulative scores across the whole list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub burden: Option<crate::plan::Burden>,
    /// One entry per recognized ingredient that has education, in ingredient order.
    pub education: Vec<Education>,
    pub summary: Summary,
}
