//! Turns the human-edited knowledge base (`src/knowledge/**/*.toml`) into static Rust tables
//! (`$OUT_DIR/knowledge.rs`), so that nothing is parsed at run time and the library carries no
//! TOML parser. Every reference is resolved here; a dangling one fails the build with its file
//! and record id.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[path = "src/normalize.rs"]
mod normalize;

const DIR: &str = "src/knowledge";
const CYP_ENZYMES: [&str; 8] = ["1a2", "2b6", "2c8", "2c9", "2c19", "2d6", "3a4", "pgp"];
const CYP_ROLES: [&str; 8] = [
    "strong-inhibitor",
    "moderate-inhibitor",
    "weak-inhibitor",
    "strong-inducer",
    "moderate-inducer",
    "sensitive-substrate",
    "substrate",
    "narrow-substrate",
];
const SEVERITIES: [&str; 4] = ["contraindicated", "major", "moderate", "minor"];
const FOODS: [&str; 7] = [
    "alcohol",
    "caffeine",
    "calcium-timing",
    "food-timing",
    "grapefruit",
    "tyramine",
    "vitamin-k",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    id: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Class {
    id: String,
    name: String,
    #[serde(default)]
    duplicate: bool,
    #[serde(default)]
    implies: Vec<String>,
    /// Ingredients that belong to the class, when membership is listed on the class (from a
    /// reference's substance index) rather than on each ingredient.
    #[serde(default)]
    members: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Ingredient {
    id: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    salts: Vec<String>,
    #[serde(default)]
    classes: Vec<String>,
    #[serde(default)]
    cyp: Vec<String>,
    #[serde(default)]
    anticholinergic: u8,
    #[serde(default)]
    purpose: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Product {
    id: String,
    name: String,
    #[serde(default)]
    names: Vec<String>,
    ingredients: Vec<String>,
    #[serde(default)]
    strengths_mg: Vec<f64>,
    #[serde(default)]
    otc: bool,
    sources: Vec<String>,
}

/// The wording every finding carries.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Text {
    severity: String,
    title: String,
    patient: String,
    professional: String,
    action: String,
    #[serde(default)]
    monitor: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Interaction {
    id: String,
    a: Vec<String>,
    b: Vec<String>,
    #[serde(default)]
    c: Vec<String>,
    /// How well the interaction is documented: established | probable | theoretical.
    #[serde(default)]
    evidence: Option<String>,
    #[serde(flatten)]
    text: Text,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Condition {
    id: String,
    name: String,
    #[serde(default)]
    names: Vec<String>,
}

/// A record that applies to a set of medicines: cautions, older adults, pregnancy, renal, food.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DrugRule {
    id: String,
    drugs: Vec<String>,
    #[serde(default)]
    condition: Option<String>,
    #[serde(default)]
    min_age: Option<u8>,
    #[serde(default)]
    below: Option<f64>,
    #[serde(default)]
    food: Option<String>,
    #[serde(flatten)]
    text: Text,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cross {
    drugs: Vec<String>,
    #[serde(flatten)]
    text: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Allergy {
    id: String,
    name: String,
    #[serde(default)]
    names: Vec<String>,
    members: Vec<String>,
    #[serde(flatten)]
    text: Text,
    sources: Vec<String>,
    #[serde(default)]
    cross: Vec<Cross>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dose {
    id: String,
    max_daily_mg: f64,
    #[serde(default)]
    older_max_daily_mg: Option<f64>,
    #[serde(default = "daily")]
    schedule: String,
    sources: Vec<String>,
}

fn daily() -> String {
    "daily".to_owned()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Education {
    id: String,
    how_to_take: String,
    side_effects: Vec<String>,
    serious: Vec<String>,
    avoid: Vec<String>,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Goal {
    id: String,
    drugs: Vec<String>,
    goal: String,
    sources: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    source: Vec<Source>,
    #[serde(default)]
    class: Vec<Class>,
    #[serde(default)]
    ingredient: Vec<Ingredient>,
    #[serde(default)]
    product: Vec<Product>,
    #[serde(default)]
    interaction: Vec<Interaction>,
    #[serde(default)]
    condition: Vec<Condition>,
    #[serde(default)]
    caution: Vec<DrugRule>,
    #[serde(default)]
    allergy: Vec<Allergy>,
    #[serde(default)]
    older_adult: Vec<DrugRule>,
    #[serde(default)]
    pregnancy: Vec<DrugRule>,
    #[serde(default)]
    renal: Vec<DrugRule>,
    #[serde(default)]
    dose: Vec<Dose>,
    #[serde(default)]
    food: Vec<DrugRule>,
    #[serde(default)]
    education: Vec<Education>,
    #[serde(default)]
    goal: Vec<Goal>,
    #[serde(default)]
    text: Vec<Translation>,
    #[serde(default)]
    indication: Vec<Indication>,
    #[serde(default)]
    interval: Vec<Interval>,
}

/// How often to check a monitoring item, found by keyword in its English text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Interval {
    id: String,
    keywords: Vec<String>,
    interval: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Indication {
    id: String,
    drugs: Vec<String>,
    conditions: Vec<String>,
    sources: Vec<String>,
}

/// A Spanish version of one patient-facing English text (`es/*.toml`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Translation {
    en: String,
    es: String,
}

fn main() {
    println!("cargo:rerun-if-changed={DIR}");
    println!("cargo:rerun-if-changed=src/normalize.rs");
    let mut kb = File::default();
    for path in knowledge_files() {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| fail(&path, &e.to_string()));
        let file: File = toml::from_str(&text).unwrap_or_else(|e| fail(&path, &e.to_string()));
        merge(&mut kb, file);
    }
    let version =
        fs::read_to_string(Path::new(DIR).join("VERSION")).expect("src/knowledge/VERSION");
    let code = Generator::new(&kb).generate(version.trim());
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("knowledge.rs");
    fs::write(out, code).expect("write knowledge.rs");
}

fn knowledge_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![PathBuf::from(DIR)];
    while let Some(dir) = dirs.pop() {
        println!("cargo:rerun-if-changed={}", dir.display());
        for entry in fs::read_dir(&dir).expect("read knowledge dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn merge(kb: &mut File, f: File) {
    kb.source.extend(f.source);
    kb.class.extend(f.class);
    kb.ingredient.extend(f.ingredient);
    kb.product.extend(f.product);
    kb.interaction.extend(f.interaction);
    kb.condition.extend(f.condition);
    kb.caution.extend(f.caution);
    kb.allergy.extend(f.allergy);
    kb.older_adult.extend(f.older_adult);
    kb.pregnancy.extend(f.pregnancy);
    kb.renal.extend(f.renal);
    kb.dose.extend(f.dose);
    kb.food.extend(f.food);
    kb.education.extend(f.education);
    kb.goal.extend(f.goal);
    kb.text.extend(f.text);
    kb.indication.extend(f.indication);
    kb.interval.extend(f.interval);
}

fn fail(path: &Path, message: &str) -> ! {
    panic!("knowledge base: {}: {message}", path.display());
}

fn bad(message: String) -> ! {
    panic!("knowledge base: {message}");
}

struct Generator<'a> {
    kb: &'a File,
    ingredients: Vec<&'a Ingredient>,
    ingredient_index: BTreeMap<&'a str, u16>,
    tags: Vec<String>,
    tag_index: BTreeMap<String, u16>,
    /// For each ingredient, its sorted tag indices (classes closed over `implies`, plus CYP roles).
    ingredient_tags: Vec<BTreeSet<u16>>,
    sources: BTreeSet<&'a str>,
    conditions: BTreeMap<&'a str, u16>,
    /// Every distinct text, stored once in one string; records refer to it by number.
    texts: RefCell<(BTreeMap<String, u16>, Vec<String>)>,
    /// English → Spanish for the patient-facing texts.
    spanish: BTreeMap<&'a str, &'a str>,
    /// The monitoring interval records, sorted by id.
    intervals: Vec<&'a Interval>,
    /// Build the Spanish knowledge base (feature `es`).
    in_spanish: bool,
    /// Keep the clinical texts (feature `professional`).
    professional: bool,
    /// Every patient-facing English text met while generating.
    patient_texts: RefCell<BTreeSet<String>>,
    /// Monitoring texts (their numbers) → index into the sorted interval records.
    monitor_intervals: RefCell<BTreeMap<u16, u8>>,
    /// Lists of texts and of sources, each stored once in a pool; records hold (start, length).
    str_pool: RefCell<Pool>,
    source_pool: RefCell<Pool>,
    out: String,
}

impl<'a> Generator<'a> {
    fn new(kb: &'a File) -> Self {
        let mut ingredients: Vec<&Ingredient> = kb.ingredient.iter().collect();
        ingredients.sort_by(|a, b| a.id.cmp(&b.id));
        let mut ingredient_index = BTreeMap::new();
        for (i, ing) in ingredients.iter().enumerate() {
            if ingredient_index.insert(ing.id.as_str(), i as u16).is_some() {
                bad(format!("ingredient id {:?} is defined twice", ing.id));
            }
        }
        let mut tags: Vec<String> = kb.class.iter().map(|c| c.id.clone()).collect();
        for e in CYP_ENZYMES {
            for r in CYP_ROLES {
                tags.push(cyp_tag(e, r));
            }
        }
        let mut tag_index = BTreeMap::new();
        for (i, t) in tags.iter().enumerate() {
            if tag_index.insert(t.clone(), i as u16).is_some() {
                bad(format!("class id {t:?} is defined twice"));
            }
            if ingredient_index.contains_key(t.as_str()) {
                bad(format!("class id {t:?} is also an ingredient id"));
            }
        }
        let sources = kb.source.iter().map(|s| s.id.as_str()).collect();
        let mut conditions = BTreeMap::new();
        let mut sorted: Vec<&Condition> = kb.condition.iter().collect();
        sorted.sort_by(|a, b| a.id.cmp(&b.id));
        for (i, c) in sorted.iter().enumerate() {
            if conditions.insert(c.id.as_str(), i as u16).is_some() {
                bad(format!("condition id {:?} is defined twice", c.id));
            }
        }
        let mut g = Generator {
            kb,
            ingredients,
            ingredient_index,
            tags,
            tag_index,
            ingredient_tags: Vec::new(),
            sources,
            conditions,
            texts: RefCell::new((BTreeMap::new(), Vec::new())),
            spanish: BTreeMap::new(),
            intervals: {
                let mut records: Vec<&Interval> = kb.interval.iter().collect();
                records.sort_by(|a, b| a.id.cmp(&b.id));
                records
            },
            in_spanish: std::env::var_os("CARGO_FEATURE_ES").is_some(),
            professional: std::env::var_os("CARGO_FEATURE_PROFESSIONAL").is_some(),
            patient_texts: RefCell::new(BTreeSet::new()),
            monitor_intervals: RefCell::new(BTreeMap::new()),
            str_pool: RefCell::new(Pool::default()),
            source_pool: RefCell::new(Pool::default()),
            out: String::new(),
        };
        g.ingredient_tags = g.ingredients.iter().map(|ing| g.close_tags(ing)).collect();
        for t in &kb.text {
            if g.spanish.insert(t.en.as_str(), t.es.as_str()).is_some() {
                bad(format!("the Spanish for {:?} is given twice", t.en));
            }
        }
        g
    }

    /// The Spanish name of a condition or allergy group: a synonym in every build, so that Spanish
    /// input is understood.
    fn spanish_name(&self, name: &str) -> Option<String> {
        self.spanish
            .get(name)
            .filter(|es| !es.trim().is_empty())
            .map(|es| (*es).to_owned())
    }

    /// A patient-facing text in the language of the build. Spanish falls back to English where
    /// no translation exists yet; `ES_MISSING` lists those for the tests.
    fn tr(&self, english: &str) -> String {
        self.patient_texts.borrow_mut().insert(english.to_owned());
        match self.spanish.get(english) {
            Some(es) if self.in_spanish && !es.trim().is_empty() => (*es).to_owned(),
            _ => english.to_owned(),
        }
    }

    fn close_tags(&self, ing: &Ingredient) -> BTreeSet<u16> {
        let mut set = BTreeSet::new();
        let mut stack: Vec<String> = ing.classes.clone();
        stack.extend(
            self.kb
                .class
                .iter()
                .filter(|c| c.members.contains(&ing.id))
                .map(|c| c.id.clone()),
        );
        for c in &ing.cyp {
            let (enzyme, role) = c.split_once(':').unwrap_or((c, ""));
            if !CYP_ENZYMES.contains(&enzyme) || !CYP_ROLES.contains(&role) {
                bad(format!("ingredient {:?}: unknown cyp role {c:?}", ing.id));
            }
            stack.push(cyp_tag(enzyme, role));
        }
        while let Some(t) = stack.pop() {
            let Some(&i) = self.tag_index.get(&t) else {
                bad(format!("ingredient {:?}: unknown class {t:?}", ing.id));
            };
            if set.insert(i) {
                if let Some(class) = self.kb.class.iter().find(|c| c.id == t) {
                    stack.extend(class.implies.iter().cloned());
                }
            }
        }
        set
    }

    /// The sorted ingredient indices a selector names.
    fn members(&self, owner: &str, selector: &[String]) -> Vec<u16> {
        let mut set = BTreeSet::new();
        for s in selector {
            if let Some(&i) = self.ingredient_index.get(s.as_str()) {
                set.insert(i);
            } else if let Some(&t) = self.tag_index.get(s) {
                for (i, tags) in self.ingredient_tags.iter().enumerate() {
                    if tags.contains(&t) {
                        set.insert(i as u16);
                    }
                }
            } else {
                bad(format!(
                    "{owner}: {s:?} is neither an ingredient nor a class"
                ));
            }
        }
        set.into_iter().collect()
    }

    /// `Str(n)` for a patient-facing text, in the language of the build.
    fn s(&self, text: &str) -> String {
        self.str_id(&self.tr(text))
    }

    /// `Str(n)`: the text's number in the shared text table.
    fn str_id(&self, text: &str) -> String {
        format!("Str({})", self.text_number(text))
    }

    fn text_number(&self, text: &str) -> u16 {
        let mut texts = self.texts.borrow_mut();
        let (index, list) = &mut *texts;
        let n = *index.entry(text.to_owned()).or_insert_with(|| {
            list.push(text.to_owned());
            u16::try_from(list.len() - 1)
                .unwrap_or_else(|_| bad("more than 65536 texts".to_owned()))
        });
        n
    }

    /// [`Self::ss`] for a `monitor` list, noting each item's interval.
    fn monitor_list(&self, texts: &[String]) -> String {
        for t in texts {
            let lower = t.to_lowercase();
            let best = self
                .intervals
                .iter()
                .enumerate()
                .flat_map(|(i, r)| {
                    r.keywords
                        .iter()
                        .filter(|k| has_words(&lower, k))
                        .map(move |k| (k.len(), i))
                })
                .max();
            if let Some((_, i)) = best {
                let n = self.text_number(&self.tr(t));
                self.monitor_intervals.borrow_mut().insert(n, i as u8);
            }
        }
        self.ss(texts)
    }

    /// The interval records, in id order, and the monitoring texts that take each.
    fn intervals_table(&mut self) {
        let records = self.intervals.clone();
        let mut body = String::new();
        for r in &records {
            let owner = format!("interval {:?}", r.id);
            self.check_sources(&owner, &r.sources);
            if r.keywords
                .iter()
                .any(|k| k.is_empty() || k.to_lowercase() != *k)
            {
                bad(format!("{owner}: keywords are lowercase and not empty"));
            }
            writeln!(
                body,
                "Interval {{ id: {:?}, interval: {}, sources: {} }},",
                r.id,
                self.s(&r.interval),
                self.sources(&r.sources)
            )
            .unwrap();
        }
        let used: BTreeSet<u8> = self.monitor_intervals.borrow().values().copied().collect();
        if let Some((_, r)) = records
            .iter()
            .enumerate()
            .find(|(i, _)| !used.contains(&(*i as u8)))
        {
            bad(format!(
                "interval {:?}: no monitoring text has its keywords",
                r.id
            ));
        }
        let pairs: Vec<(u16, u8)> = self
            .monitor_intervals
            .borrow()
            .iter()
            .map(|(k, v)| (*k, *v))
            .collect();
        writeln!(self.out, "pub static INTERVALS: &[Interval] = &[\n{body}];").unwrap();
        writeln!(
            self.out,
            "static MONITOR_INTERVALS: &[(u16, u8)] = &{pairs:?};"
        )
        .unwrap();
    }

    /// `Strs { start, len }`: a list of patient-facing texts, as a run of the text-list pool.
    fn ss(&self, texts: &[String]) -> String {
        let ids: Vec<u16> = texts
            .iter()
            .map(|t| self.text_number(&self.tr(t)))
            .collect();
        let (start, len) = self.str_pool.borrow_mut().add(&ids);
        format!("Strs {{ start: {start}, len: {len} }}")
    }

    /// Sorted (key, index) pairs as one string of keys, their end offsets and the indices.
    fn term_table<I: Copy + Into<usize>>(&mut self, name: &str, names: &[(String, I)]) {
        let mut blob = String::new();
        let mut ends = Vec::new();
        for (key, _) in names {
            blob.push_str(key);
            ends.push(blob.len());
        }
        let ids: Vec<usize> = names.iter().map(|(_, i)| (*i).into()).collect();
        writeln!(
            self.out,
            "pub static {name}: TermTable = TermTable {{ keys: {blob:?}, ends: &{ends:?}, ids: &{ids:?} }};"
        )
        .unwrap();
    }

    fn goals_table(&mut self) {
        let mut records: Vec<&Goal> = self.kb.goal.iter().collect();
        records.sort_by(|a, b| a.id.cmp(&b.id));
        let mut body = String::new();
        for g in records {
            let owner = format!("goal {:?}", g.id);
            self.check_sources(&owner, &g.sources);
            let drugs = self.members(&owner, &g.drugs);
            writeln!(
                body,
                "Goal {{ id: {:?}, drugs: &{drugs:?}, goal: {}, sources: {} }},",
                g.id,
                self.s(&g.goal),
                self.sources(&g.sources)
            )
            .unwrap();
        }
        writeln!(self.out, "pub static GOALS: &[Goal] = &[\n{body}];").unwrap();
    }

    fn indications_table(&mut self) {
        let mut records: Vec<&Indication> = self.kb.indication.iter().collect();
        records.sort_by(|a, b| a.id.cmp(&b.id));
        let mut body = String::new();
        for r in records {
            let owner = format!("indication {:?}", r.id);
            self.check_sources(&owner, &r.sources);
            let drugs = self.members(&owner, &r.drugs);
            let conditions: Vec<u16> = r
                .conditions
                .iter()
                .map(|c| {
                    *self
                        .conditions
                        .get(c.as_str())
                        .unwrap_or_else(|| bad(format!("{owner}: unknown condition {c:?}")))
                })
                .collect();
            writeln!(
                body,
                "Indication {{ id: {:?}, drugs: &{drugs:?}, conditions: &{conditions:?}, sources: {} }},",
                r.id,
                self.sources(&r.sources)
            )
            .unwrap();
        }
        writeln!(
            self.out,
            "pub static INDICATIONS: &[Indication] = &[\n{body}];"
        )
        .unwrap();
    }

    fn texts_table(&mut self) {
        let texts = self.texts.borrow();
        let mut blob = String::new();
        let mut ends = Vec::with_capacity(texts.1.len());
        for t in &texts.1 {
            blob.push_str(t);
            ends.push(blob.len());
        }
        let strs: Vec<String> = self
            .str_pool
            .borrow()
            .items
            .iter()
            .map(|n| format!("Str({n})"))
            .collect();
        let sources = &self.source_pool.borrow().items;
        let code = format!(
            "static STR_BLOB: &str = {blob:?};\nstatic STR_ENDS: &[u32] = &{ends:?};\nstatic STR_POOL: &[Str] = &[{}];\nstatic SOURCE_POOL: &[u8] = &{sources:?};\n",
            strs.join(", ")
        );
        drop(texts);
        self.out.push_str(&code);
    }

    /// The patient-facing texts without a Spanish version, and Spanish versions of texts no
    /// longer used. Only the tests read these.
    fn translations_table(&mut self) {
        let used = self.patient_texts.borrow();
        let missing: Vec<&str> = used
            .iter()
            .map(String::as_str)
            .filter(|t| self.spanish.get(t).is_none_or(|es| es.trim().is_empty()))
            .collect();
        let unused: Vec<&str> = self
            .spanish
            .keys()
            .copied()
            .filter(|t| !used.contains(*t))
            .collect();
        let code = format!("pub static ES_MISSING: &[&str] = &{missing:?};\npub static ES_UNUSED: &[&str] = &{unused:?};\n");
        drop(used);
        self.out.push_str(&code);
    }

    /// `Sources { start, len }`: indices into the sorted source table, a run of the source pool.
    fn sources(&self, sources: &[String]) -> String {
        let sorted: Vec<&str> = self.sources.iter().copied().collect();
        let idx: Vec<u16> = sources
            .iter()
            .map(|s| {
                sorted
                    .iter()
                    .position(|x| x == s)
                    .unwrap_or_else(|| bad(format!("unknown source {s:?}"))) as u16
            })
            .collect();
        let (start, len) = self.source_pool.borrow_mut().add(&idx);
        format!("Sources {{ start: {start}, len: {len} }}")
    }

    fn check_sources(&self, owner: &str, sources: &[String]) {
        if sources.is_empty() {
            bad(format!("{owner}: no sources"));
        }
        for s in sources {
            if !self.sources.contains(s.as_str()) {
                bad(format!("{owner}: unknown source {s:?}"));
            }
        }
    }

    fn generate(mut self, version: &str) -> String {
        writeln!(
            self.out,
            "// Generated by build.rs from src/knowledge. Do not edit."
        )
        .unwrap();
        writeln!(self.out, "pub const VERSION: &str = {version:?};").unwrap();
        self.sources_table();
        self.classes_table();
        self.ingredients_table();
        self.products_table();
        self.names_table();
        self.interactions_table();
        self.conditions_table();
        self.drug_rules("CAUTIONS", "Caution", &self.kb.caution);
        self.allergies_table();
        self.drug_rules("OLDER_ADULT", "OlderAdult", &self.kb.older_adult);
        self.drug_rules("PREGNANCY", "Pregnancy", &self.kb.pregnancy);
        self.drug_rules("RENAL", "Renal", &self.kb.renal);
        self.drug_rules("FOOD", "Food", &self.kb.food);
        self.doses_table();
        self.education_table();
        self.goals_table();
        self.indications_table();
        self.intervals_table();
        self.texts_table();
        self.translations_table();
        self.out
    }

    fn sources_table(&mut self) {
        let mut s: Vec<&Source> = self.kb.source.iter().collect();
        s.sort_by(|a, b| a.id.cmp(&b.id));
        writeln!(self.out, "pub static SOURCES: &[Source] = &[").unwrap();
        for src in s {
            writeln!(
                self.out,
                "Source {{ id: {:?}, name: {:?} }},",
                src.id, src.name
            )
            .unwrap();
        }
        writeln!(self.out, "];").unwrap();
    }

    fn classes_table(&mut self) {
        // Class indices in id order, for binary search by id.
        let by_id: Vec<u16> = self.tag_index.values().copied().collect();
        writeln!(self.out, "static CLASS_BY_ID: &[u16] = &{by_id:?};").unwrap();
        writeln!(self.out, "pub static CLASSES: &[Class] = &[").unwrap();
        for (t, id) in self.tags.iter().enumerate() {
            let class = self.kb.class.iter().find(|c| &c.id == id);
            let name = class.map_or_else(|| id.clone(), |c| self.tr(&c.name));
            let duplicate = class.is_some_and(|c| c.duplicate);
            for implied in class.map(|c| c.implies.as_slice()).unwrap_or_default() {
                if !self.tag_index.contains_key(implied) {
                    bad(format!("class {id:?} implies unknown class {implied:?}"));
                }
            }
            if let Some(c) = class.filter(|c| !c.members.is_empty()) {
                self.check_sources(&format!("class {id:?}"), &c.sources);
                for m in &c.members {
                    if !self.ingredient_index.contains_key(m.as_str()) {
                        bad(format!("class {id:?}: unknown member {m:?}"));
                    }
                }
            }
            let members: Vec<usize> = (0..self.ingredients.len())
                .filter(|&i| self.ingredient_tags[i].contains(&(t as u16)))
                .collect();
            writeln!(
                self.out,
                "Class {{ id: {id:?}, name: {name:?}, duplicate: {duplicate}, members: &{members:?} }},"
            )
            .unwrap();
        }
        writeln!(self.out, "];").unwrap();
    }

    fn ingredients_table(&mut self) {
        writeln!(self.out, "pub static INGREDIENTS: &[Ingredient] = &[").unwrap();
        for ing in &self.ingredients {
            self.check_sources(&format!("ingredient {:?}", ing.id), &ing.sources);
            writeln!(
                self.out,
                "Ingredient {{ id: {:?}, anticholinergic: {}, purpose: {}, sources: {} }},",
                ing.id,
                ing.anticholinergic,
                self.s(&ing.purpose),
                self.sources(&ing.sources)
            )
            .unwrap();
        }
        writeln!(self.out, "];").unwrap();
    }

    fn products_table(&mut self) {
        let mut products: Vec<&Product> = self.kb.product.iter().collect();
        products.sort_by(|a, b| a.id.cmp(&b.id));
        writeln!(self.out, "pub static PRODUCTS: &[Product] = &[").unwrap();
        for p in products {
            let owner = format!("product {:?}", p.id);
            self.check_sources(&owner, &p.sources);
            if p.ingredients.len() < 2 {
                bad(format!(
                    "{owner}: a combination needs two or more ingredients"
                ));
            }
            let ings: Vec<u16> = p
                .ingredients
                .iter()
                .map(|i| {
                    *self
                        .ingredient_index
                        .get(i.as_str())
                        .unwrap_or_else(|| bad(format!("{owner}: unknown ingredient {i:?}")))
                })
                .collect();
            if !p.strengths_mg.is_empty() && p.strengths_mg.len() != ings.len() {
                bad(format!("{owner}: strengths_mg must align with ingredients"));
            }
            let strengths: Vec<String> =
                p.strengths_mg.iter().map(|s| format!("{s:?}f32")).collect();
            writeln!(
                self.out,
                "Product {{ id: {:?}, name: {:?}, ingredients: &{ings:?}, strengths_mg: &[{}], otc: {}, sources: {} }},",
                p.id, p.name, strengths.join(", "), p.otc, self.sources(&p.sources)
            )
            .unwrap();
        }
        writeln!(self.out, "];").unwrap();
    }

    fn names_table(&mut self) {
        // key -> (target, kind); a key may name only one target.
        let mut names: BTreeMap<String, (String, &str, String)> = BTreeMap::new();
        let mut add = |raw: &str, target: String, kind: &'static str| {
            let key = normalize::normalize(raw);
            if key.is_empty() {
                bad(format!("{target}: empty name {raw:?}"));
            }
            match names.get(&key) {
                Some((t, _, _)) if *t != target => {
                    bad(format!("name {raw:?} names both {t} and {target}"))
                }
                Some(_) => {}
                None => {
                    names.insert(key, (target, kind, raw.to_owned()));
                }
            }
        };
        for (i, ing) in self.ingredients.iter().enumerate() {
            let target = format!("Target::Ingredient({i})");
            add(&ing.id, target.clone(), "NameKind::Generic");
            for n in &ing.salts {
                add(n, target.clone(), "NameKind::Salt");
            }
            for n in &ing.names {
                add(n, target.clone(), "NameKind::Brand");
            }
        }
        let mut products: Vec<&Product> = self.kb.product.iter().collect();
        products.sort_by(|a, b| a.id.cmp(&b.id));
        for (i, p) in products.iter().enumerate() {
            let target = format!("Target::Product({i})");
            add(&p.name, target.clone(), "NameKind::Brand");
            add(&p.id, target.clone(), "NameKind::Brand");
            for n in &p.names {
                add(n, target.clone(), "NameKind::Brand");
            }
        }
        // Where the keys starting with each ASCII byte begin: narrows every lookup before the
        // binary search.
        let mut first = [0usize; 129];
        for (b, start) in first.iter_mut().enumerate() {
            *start = names
                .keys()
                .filter(|k| usize::from(k.as_bytes()[0]) < b)
                .count();
        }
        let mut sorted_products: Vec<&Product> = self.kb.product.iter().collect();
        sorted_products.sort_by(|a, b| a.id.cmp(&b.id));
        // Struct of arrays: one string of all keys with their end offsets, a packed target per
        // name (top bit set for a product), its kind, and the written form only where it differs
        // from the key. About a third of the size of a table of structs.
        let mut blob = String::new();
        let (mut ends, mut targets, mut kinds, mut texts) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (i, (key, (target, kind, raw))) in names.iter().enumerate() {
            blob.push_str(key);
            ends.push(blob.len());
            let packed = match target.strip_prefix("Target::Product(") {
                Some(p) => {
                    0x8000
                        | p.trim_end_matches(')')
                            .parse::<u16>()
                            .expect("product index")
                }
                None => target
                    .trim_start_matches("Target::Ingredient(")
                    .trim_end_matches(')')
                    .parse::<u16>()
                    .expect("ingredient index"),
            };
            targets.push(packed);
            kinds.push(match *kind {
                "NameKind::Generic" => 0u8,
                "NameKind::Salt" => 1,
                _ => 2,
            });
            // A product's own name is found from the product table at run time.
            let product_name = target
                .strip_prefix("Target::Product(")
                .and_then(|p| p.trim_end_matches(')').parse::<usize>().ok())
                .is_some_and(|p| sorted_products[p].name == *raw);
            if raw != key && !product_name {
                texts.push((i, raw.clone()));
            }
        }
        writeln!(
            self.out,
            "pub static NAME_FIRST_BYTE: [u16; 129] = {first:?};"
        )
        .unwrap();
        writeln!(self.out, "static NAME_KEYS: &str = {blob:?};").unwrap();
        writeln!(self.out, "static NAME_ENDS: &[u32] = &{ends:?};").unwrap();
        writeln!(self.out, "static NAME_TARGETS: &[u16] = &{targets:?};").unwrap();
        writeln!(self.out, "static NAME_KINDS: &[u8] = &{kinds:?};").unwrap();
        writeln!(self.out, "static NAME_TEXTS: &[(u16, &str)] = &{texts:?};").unwrap();
    }

    fn text(&self, owner: &str, t: &Text) -> String {
        if !SEVERITIES.contains(&t.severity.as_str()) {
            bad(format!("{owner}: unknown severity {:?}", t.severity));
        }
        for (field, value) in [
            ("title", &t.title),
            ("patient", &t.patient),
            ("professional", &t.professional),
            ("action", &t.action),
        ] {
            if value.trim().is_empty() {
                bad(format!("{owner}: empty {field}"));
            }
        }
        let severity = capitalize(&t.severity);
        format!(
            "severity: Severity::{severity}, text: Text {{ title: {}, patient: {}, professional: {}, action: {}, monitor: {} }}",
            self.s(&t.title),
            self.s(&t.patient),
            // Builds without the `professional` feature leave the clinical text out.
            self.str_id(if self.professional { &t.professional } else { "" }),
            self.s(&t.action),
            self.monitor_list(&t.monitor)
        )
    }

    fn interactions_table(&mut self) {
        let mut records: Vec<&Interaction> = self.kb.interaction.iter().collect();
        records.sort_by(|a, b| a.id.cmp(&b.id));
        let n = self.ingredients.len();
        let mut in_a: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut in_b: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut triples = String::new();
        writeln!(self.out, "pub static INTERACTIONS: &[Interaction] = &[").unwrap();
        for (r, rec) in records.iter().enumerate() {
            let owner = format!("interaction {:?}", rec.id);
            self.check_sources(&owner, &rec.sources);
            let a = self.members(&owner, &rec.a);
            let b = self.members(&owner, &rec.b);
            let c = self.members(&owner, &rec.c);
            let explicit = [&rec.a, &rec.b, &rec.c].iter().all(|s| {
                s.iter()
                    .all(|x| self.ingredient_index.contains_key(x.as_str()))
            });
            if rec.c.is_empty() {
                for &i in &a {
                    in_a[i as usize].push(r);
                }
                for &i in &b {
                    in_b[i as usize].push(r);
                }
            } else {
                // Only three-drug records keep their member lists at run time; two-drug records
                // are found through the reverse indexes below.
                writeln!(
                    triples,
                    "Triple {{ record: {r}, a: &{a:?}, b: &{b:?}, c: &{c:?} }},"
                )
                .unwrap();
            }
            let text = self.text(&owner, &rec.text);
            let evidence = match rec.evidence.as_deref() {
                None => "None",
                Some("established") => "Some(Evidence::Established)",
                Some("probable") => "Some(Evidence::Probable)",
                Some("theoretical") => "Some(Evidence::Theoretical)",
                Some(other) => bad(format!(
                    "{owner}: evidence {other:?} is not established, probable or theoretical"
                )),
            };
            writeln!(
                self.out,
                "Interaction {{ id: {:?}, explicit: {explicit}, evidence: {evidence}, {text}, sources: {} }},",
                rec.id, self.sources(&rec.sources)
            )
            .unwrap();
        }
        writeln!(self.out, "];").unwrap();
        // Reverse indexes, flattened: the records ingredient i can be side A of are
        // AS_A[AS_A_START[i]..AS_A_START[i + 1]].
        for (name, lists) in [("AS_A", &in_a), ("AS_B", &in_b)] {
            let mut start = vec![0usize];
            let mut flat = Vec::new();
            for list in lists {
                flat.extend(list.iter().copied());
                start.push(flat.len());
            }
            writeln!(
                self.out,
                "static INTERACTIONS_{name}_START: &[u16] = &{start:?};"
            )
            .unwrap();
            writeln!(self.out, "static INTERACTIONS_{name}: &[u16] = &{flat:?};").unwrap();
        }
        writeln!(self.out, "pub static TRIPLES: &[Triple] = &[\n{triples}];").unwrap();
    }

    fn conditions_table(&mut self) {
        let mut conditions: Vec<&Condition> = self.kb.condition.iter().collect();
        conditions.sort_by(|a, b| a.id.cmp(&b.id));
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        let mut names = Vec::new();
        writeln!(self.out, "pub static CONDITIONS: &[Condition] = &[").unwrap();
        for (i, c) in conditions.iter().enumerate() {
            let spanish = self.spanish_name(&c.name);
            for n in std::iter::once(&c.id)
                .chain([&c.name])
                .chain(&c.names)
                .chain(spanish.as_ref())
            {
                let key = normalize::normalize(n);
                match seen.get(&key) {
                    Some(other) if *other != c.id => bad(format!(
                        "condition name {n:?} names both {other} and {}",
                        c.id
                    )),
                    Some(_) => {}
                    None => {
                        seen.insert(key.clone(), &c.id);
                        names.push((key, i));
                    }
                }
            }
            let name = self.tr(&c.name);
            writeln!(self.out, "Condition {{ id: {:?}, name: {name:?} }},", c.id).unwrap();
        }
        writeln!(self.out, "];").unwrap();
        names.sort();
        self.term_table("CONDITION_NAMES", &names);
    }

    fn drug_rules(&mut self, table: &str, kind: &str, rules: &[DrugRule]) {
        let mut records: Vec<&DrugRule> = rules.iter().collect();
        records.sort_by(|a, b| a.id.cmp(&b.id));
        let mut body = String::new();
        for rec in records {
            let owner = format!("{kind} {:?}", rec.id);
            self.check_sources(&owner, &rec.sources);
            let drugs = self.members(&owner, &rec.drugs);
            let condition = match &rec.condition {
                Some(c) => match self.conditions.get(c.as_str()) {
                    Some(i) => format!("Some({i})"),
                    None => bad(format!("{owner}: unknown condition {c:?}")),
                },
                None if kind == "Caution" => bad(format!("{owner}: needs a condition")),
                None => "None".to_owned(),
            };
            if kind == "Renal" && rec.below.is_none() {
                bad(format!("{owner}: needs `below`"));
            }
            if let Some(food) = &rec.food {
                if !FOODS.contains(&food.as_str()) {
                    bad(format!("{owner}: unknown food {food:?}"));
                }
            } else if kind == "Food" {
                bad(format!("{owner}: needs `food`"));
            }
            let text = self.text(&owner, &rec.text);
            writeln!(
                body,
                "DrugRule {{ id: {:?}, drugs: &{drugs:?}, condition: {condition}, min_age: {}, below: {:?}f32, food: {:?}, {text}, sources: {} }},",
                rec.id,
                rec.min_age.unwrap_or(0),
                rec.below.unwrap_or(0.0),
                rec.food.clone().unwrap_or_default(),
                self.sources(&rec.sources)
            )
            .unwrap();
        }
        writeln!(self.out, "pub static {table}: &[DrugRule] = &[\n{body}];").unwrap();
    }

    fn allergies_table(&mut self) {
        let mut records: Vec<&Allergy> = self.kb.allergy.iter().collect();
        records.sort_by(|a, b| a.id.cmp(&b.id));
        let mut names: Vec<(String, usize)> = Vec::new();
        writeln!(self.out, "pub static ALLERGIES: &[Allergy] = &[").unwrap();
        for (i, rec) in records.iter().enumerate() {
            let owner = format!("allergy {:?}", rec.id);
            self.check_sources(&owner, &rec.sources);
            let spanish = self.spanish_name(&rec.name);
            for n in std::iter::once(&rec.id)
                .chain([&rec.name])
                .chain(&rec.names)
                .chain(spanish.as_ref())
            {
                let key = normalize::normalize(n);
                if let Some((_, j)) = names.iter().find(|(k, _)| *k == key) {
                    if *j != i {
                        bad(format!(
                            "{owner}: allergy name {n:?} is used by another group"
                        ));
                    }
                } else {
                    names.push((key, i));
                }
            }
            let members = self.members(&owner, &rec.members);
            let name = self.tr(&rec.name);
            let text = self.text(&owner, &rec.text);
            let mut cross = String::new();
            for c in &rec.cross {
                let drugs = self.members(&owner, &c.drugs);
                let t = self.text(&owner, &c.text);
                write!(cross, "Cross {{ drugs: &{drugs:?}, {t} }},").unwrap();
            }
            writeln!(
                self.out,
                "Allergy {{ id: {:?}, name: {:?}, members: &{members:?}, {text}, sources: {}, cross: &[{cross}] }},",
                rec.id, name, self.sources(&rec.sources)
            )
            .unwrap();
        }
        writeln!(self.out, "];").unwrap();
        names.sort();
        self.term_table("ALLERGY_NAMES", &names);
    }

    fn doses_table(&mut self) {
        let mut records: Vec<&Dose> = self.kb.dose.iter().collect();
        records.sort_by(|a, b| a.id.cmp(&b.id));
        writeln!(self.out, "pub static DOSES: &[Dose] = &[").unwrap();
        for d in records {
            let owner = format!("dose {:?}", d.id);
            self.check_sources(&owner, &d.sources);
            let Some(&ing) = self.ingredient_index.get(d.id.as_str()) else {
                bad(format!("{owner}: unknown ingredient"));
            };
            let weekly = match d.schedule.as_str() {
                "daily" => false,
                "weekly" => true,
                other => bad(format!(
                    "{owner}: schedule {other:?} is not daily or weekly"
                )),
            };
            writeln!(
                self.out,
                "Dose {{ ingredient: {ing}, max_daily_mg: {:?}f32, older_max_daily_mg: {:?}, weekly: {weekly}, sources: {} }},",
                d.max_daily_mg,
                d.older_max_daily_mg.map(|m| m as f32),
                self.sources(&d.sources)
            )
            .unwrap();
        }
        writeln!(self.out, "];").unwrap();
    }
}

/// `3a4` + `strong-inhibitor` → `cyp3a4-strong-inhibitor`; P-gp is a transporter: `pgp-…`.
fn cyp_tag(enzyme: &str, role: &str) -> String {
    if enzyme == "pgp" {
        format!("pgp-{role}")
    } else {
        format!("cyp{enzyme}-{role}")
    }
}

impl Generator<'_> {
    fn education_table(&mut self) {
        let mut records: Vec<(u16, &Education)> = Vec::new();
        for e in &self.kb.education {
            let owner = format!("education {:?}", e.id);
            self.check_sources(&owner, &e.sources);
            let Some(&i) = self.ingredient_index.get(e.id.as_str()) else {
                bad(format!("{owner}: unknown ingredient"));
            };
            if e.how_to_take.trim().is_empty() || e.side_effects.is_empty() || e.serious.is_empty()
            {
                bad(format!(
                    "{owner}: how_to_take, side_effects and serious are required"
                ));
            }
            records.push((i, e));
        }
        records.sort_by_key(|(i, _)| *i);
        if let Some(w) = records.windows(2).find(|w| w[0].0 == w[1].0) {
            bad(format!("education {:?} is defined twice", w[0].1.id));
        }
        writeln!(self.out, "pub static EDUCATION: &[Education] = &[").unwrap();
        for (i, e) in records {
            writeln!(
                self.out,
                "Education {{ ingredient: {i}, how_to_take: {}, side_effects: {}, serious: {}, avoid: {}, sources: {} }},",
                self.s(&e.how_to_take), self.ss(&e.side_effects), self.ss(&e.serious), self.ss(&e.avoid), self.sources(&e.sources)
            )
            .unwrap();
        }
        writeln!(self.out, "];").unwrap();
    }
}

/// True when `words` stands in `text` as whole words ("ck" in "CK if symptoms", not in "black").
fn has_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Lists stored end to end; a list equal to one stored before reuses it.
#[derive(Default)]
struct Pool {
    items: Vec<u16>,
    seen: BTreeMap<Vec<u16>, u16>,
}

impl Pool {
    /// (start, length) of the list in the pool.
    fn add(&mut self, list: &[u16]) -> (u16, u8) {
        let len = u8::try_from(list.len())
            .unwrap_or_else(|_| bad(format!("a list of {} items is too long", list.len())));
        if list.is_empty() {
            return (0, 0);
        }
        let start = *self.seen.entry(list.to_vec()).or_insert_with(|| {
            self.items.extend_from_slice(list);
            u16::try_from(self.items.len() - list.len())
                .unwrap_or_else(|_| bad("list pool over 65536 items".to_owned()))
        });
        (start, len)
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_ascii_uppercase().to_string() + c.as_str()
    })
}
