//! Free text → ingredients. Handles case and punctuation, strengths, form and release words,
//! salts, brands, international names, combination products and misspellings (string distance
//! from the `strsim` crate).

use crate::knowledge::{self, IngredientId, Name, NameKind, Target};
use crate::normalize::normalize;

/// Longest name, in words, that the exact matcher tries.
const MAX_NAME_WORDS: usize = 6;
/// A misspelling is corrected when its best match scores at least this…
const ACCEPT: f64 = 0.8;
/// …and beats the best match naming something else by at least this much.
const MARGIN: f64 = 0.06;
/// Suggestions below this similarity are not worth showing.
const SUGGEST: f64 = 0.6;
const MAX_SUGGESTIONS: usize = 5;

/// Words that describe the form, release, strength or packaging of a product, not what is in it.
/// None of them starts a known name (a test checks this).
const NOISE: &[&str] = &[
    "actuation",
    "and",
    "brand",
    "cap",
    "caplet",
    "caplets",
    "caps",
    "capsule",
    "capsules",
    "chewable",
    "coated",
    "controlled",
    "cr",
    "cream",
    "daily",
    "day",
    "delayed",
    "disintegrating",
    "dose",
    "dr",
    "drops",
    "ds",
    "ec",
    "er",
    "extended",
    "extra",
    "film",
    "for",
    "g",
    "gel",
    "gelcap",
    "gelcaps",
    "gels",
    "generic",
    "h",
    "hfa",
    "hour",
    "hours",
    "hr",
    "immediate",
    "inhalation",
    "inhaler",
    "injectable",
    "injection",
    "ir",
    "iu",
    "la",
    "liqui",
    "liquid",
    "liquigels",
    "maximum",
    "mcg",
    "mdi",
    "meq",
    "mg",
    "ml",
    "nasal",
    "odt",
    "ointment",
    "oral",
    "orally",
    "otc",
    "patch",
    "per",
    "plus",
    "po",
    "powder",
    "release",
    "sa",
    "softgel",
    "softgels",
    "solution",
    "spray",
    "sr",
    "ss",
    "strength",
    "suspension",
    "sustained",
    "syrup",
    "tab",
    "tablet",
    "tablets",
    "tabs",
    "topical",
    "transdermal",
    "unit",
    "units",
    "w",
    "with",
    "xl",
    "xr",
];

/// Salt and ester words: dropped when they follow a matched name ("losartan potassium").
const SALTS: &[&str] = &[
    "acetate",
    "alafenamide",
    "axetil",
    "besylate",
    "bitartrate",
    "bromide",
    "calcium",
    "carbonate",
    "chloride",
    "cilexetil",
    "citrate",
    "cypionate",
    "dihydrate",
    "dipropionate",
    "disodium",
    "disoproxil",
    "enanthate",
    "fumarate",
    "furoate",
    "hcl",
    "hemifumarate",
    "hyclate",
    "hydrobromide",
    "hydrochloride",
    "magnesium",
    "maleate",
    "medoxomil",
    "mesylate",
    "micronized",
    "monohydrate",
    "oxalate",
    "phosphate",
    "potassium",
    "propionate",
    "sodium",
    "succinate",
    "sulfate",
    "tartrate",
    "trihydrate",
    "valerate",
    "xinafoate",
];

/// What a medicine line resolved to.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// Product name, or the ingredient names joined with " + ".
    pub product: String,
    pub ingredients: Vec<IngredientId>,
    /// Strength per dose unit for each ingredient, when known from the text or the product.
    pub strengths_mg: Vec<Option<f32>>,
    pub corrected: bool,
    pub confidence: f32,
    pub suggestions: Vec<String>,
}

/// An unrecognised line: the closest names, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Unrecognized {
    pub suggestions: Vec<String>,
}

pub fn medication(text: &str) -> Result<Resolution, Unrecognized> {
    let key = normalize(text);
    let tokens: Vec<&str> = key.split(' ').filter(|t| !t.is_empty()).collect();
    let matches = exact_matches(&tokens);
    let strengths = strengths_in(text);
    if !matches.is_empty() {
        return Ok(build(&matches, &strengths, false, 1.0, Vec::new()));
    }
    let content: Vec<&str> = tokens.iter().copied().filter(|t| !is_noise(t)).collect();
    if content.is_empty() {
        return Err(Unrecognized {
            suggestions: Vec::new(),
        });
    }
    let whole = content.join(" ");
    let ranked = rank(&whole);
    if let Some((score, target)) = confident(&ranked) {
        return Ok(build(&[target], &strengths, true, score as f32, Vec::new()));
    }
    // Several misspelt names on one line: correct each word on its own.
    let mut targets = Vec::new();
    let mut worst = 1.0f64;
    for word in content.iter().filter(|w| w.len() >= 4) {
        if let Some((score, target)) = confident(&rank(word)) {
            if !targets.contains(&target) {
                targets.push(target);
            }
            worst = worst.min(score);
        }
    }
    if targets.len() > 1 {
        return Ok(build(&targets, &strengths, true, worst as f32, Vec::new()));
    }
    Err(Unrecognized {
        suggestions: suggestions_from(&ranked),
    })
}

/// Finds known names in the token list, longest first, left to right.
fn exact_matches(tokens: &[&str]) -> Vec<Target> {
    let mut found: Vec<Target> = Vec::new();
    let mut i = 0;
    let mut last_end = usize::MAX;
    let mut phrase = String::new();
    while i < tokens.len() {
        // Numbers and form words ("mg", "tablet", "er") start no name: skip the lookup.
        let skip =
            tokens[i].as_bytes()[0].is_ascii_digit() || NOISE.binary_search(&tokens[i]).is_ok();
        let hit = if skip {
            None
        } else {
            longest_name_at(tokens, i, &mut phrase)
        };
        match hit {
            // "losartan potassium": a salt word right after a name is part of that name.
            Some((j, _)) if j == i + 1 && last_end == i && is_salt(tokens[i]) => i += 1,
            Some((j, name)) => {
                if !found.contains(&name.target()) {
                    found.push(name.target());
                }
                last_end = j;
                i = j;
            }
            None => {
                if last_end == i && is_salt(tokens[i]) {
                    last_end = i + 1;
                }
                i += 1;
            }
        }
    }
    found
}

/// The longest known name starting at token `i`, and the token index just after it. The
/// candidate names narrow as the phrase grows, so a word that starts no name costs one search.
fn longest_name_at(tokens: &[&str], i: usize, phrase: &mut String) -> Option<(usize, Name)> {
    phrase.clear();
    let mut candidates = knowledge::names_starting_with(tokens[i].as_bytes().first().copied());
    let mut hit = None;
    for (j, token) in tokens.iter().enumerate().skip(i).take(MAX_NAME_WORDS) {
        if j > i {
            phrase.push(' ');
        }
        phrase.push_str(token);
        candidates = candidates.with_prefix(phrase);
        match candidates.first() {
            None => break,
            Some(first) if first.key() == phrase.as_str() => hit = Some((j + 1, first)),
            Some(_) => {}
        }
    }
    hit
}

fn is_salt(token: &str) -> bool {
    SALTS.binary_search(&token).is_ok()
}

fn is_noise(token: &str) -> bool {
    NOISE.binary_search(&token).is_ok()
        || is_salt(token)
        || token.chars().all(|c| c.is_ascii_digit())
        || (token.chars().next().is_some_and(|c| c.is_ascii_digit())
            && token.trim_start_matches(|c: char| c.is_ascii_digit()).len() <= 3)
}

fn build(
    targets: &[Target],
    strengths: &[f32],
    corrected: bool,
    confidence: f32,
    suggestions: Vec<String>,
) -> Resolution {
    let mut ingredients: Vec<IngredientId> = Vec::with_capacity(targets.len());
    let mut defaults: Vec<Option<f32>> = Vec::with_capacity(targets.len());
    let mut product = String::new();
    for &t in targets {
        if !product.is_empty() {
            product.push_str(" + ");
        }
        product.push_str(match t {
            Target::Ingredient(i) => knowledge::ingredient(i).id,
            Target::Product(p) => knowledge::PRODUCTS[usize::from(p)].name,
        });
        let product_strengths = match t {
            Target::Product(p) => knowledge::PRODUCTS[usize::from(p)].strengths_mg,
            Target::Ingredient(_) => &[],
        };
        for (k, &i) in knowledge::ingredients_of(t).iter().enumerate() {
            if !ingredients.contains(&i) {
                ingredients.push(i);
                defaults.push(product_strengths.get(k).copied());
            }
        }
    }
    let strengths_mg = if strengths.len() == ingredients.len() {
        strengths.iter().map(|&s| Some(s)).collect()
    } else if strengths.len() > ingredients.len() && ingredients.len() == 1 {
        vec![Some(strengths[0])]
    } else {
        defaults
    };
    Resolution {
        product,
        ingredients,
        strengths_mg,
        corrected,
        confidence,
        suggestions,
    }
}

/// Strengths written in the text, in order: "500 mg", "75 mcg", "1 g", "5/325", "5 mg / 325 mg".
pub fn strengths_in(text: &str) -> Vec<f32> {
    #[derive(Clone, Copy, PartialEq)]
    enum Tok<'t> {
        Num(f32),
        Word(&'t str),
        Slash,
    }
    let bytes = text.as_bytes();
    let mut toks: Vec<Tok> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_digit() || (c == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            if let Ok(v) = text[start..i].trim_end_matches('.').parse::<f32>() {
                toks.push(Tok::Num(v));
            }
        } else if c.is_ascii_alphabetic() || c >= 0x80 {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphabetic() || bytes[i] >= 0x80) {
                i += 1;
            }
            toks.push(Tok::Word(&text[start..i]));
        } else {
            if c == b'/' {
                toks.push(Tok::Slash);
            }
            i += 1;
        }
    }
    let scale = |t: Option<&Tok>| match t {
        Some(Tok::Word(w)) if w.eq_ignore_ascii_case("mg") => Some(1.0),
        Some(Tok::Word(w))
            if w.eq_ignore_ascii_case("mcg") || w.eq_ignore_ascii_case("ug") || *w == "µg" =>
        {
            Some(0.001)
        }
        Some(Tok::Word(w)) if w.eq_ignore_ascii_case("g") || w.eq_ignore_ascii_case("gm") => {
            Some(1000.0)
        }
        _ => None,
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        if let Tok::Num(first) = toks[k] {
            let mut group = vec![first];
            let mut j = k + 1;
            while j + 1 < toks.len() && toks[j] == Tok::Slash {
                match toks[j + 1] {
                    Tok::Num(n) => {
                        group.push(n);
                        j += 2;
                    }
                    _ => break,
                }
            }
            match scale(toks.get(j)) {
                Some(s) => {
                    out.extend(group.iter().map(|v| v * s));
                    j += 1;
                }
                None if group.len() > 1 => out.extend(group),
                None => {}
            }
            k = j;
        } else {
            k += 1;
        }
    }
    out
}

/// Every distinct target with its best similarity to `query`, best first.
fn rank(query: &str) -> Vec<(f64, Target, &'static str)> {
    let mut best: Vec<(f64, Target, &'static str)> = Vec::new();
    for name in knowledge::all_names().iter() {
        let score = similarity(query, name.key());
        if score < SUGGEST {
            continue;
        }
        match best.iter_mut().find(|(_, t, _)| *t == name.target()) {
            Some(entry) if entry.0 < score => *entry = (score, name.target(), name.text()),
            Some(_) => {}
            None => best.push((score, name.target(), name.text())),
        }
    }
    best.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.2.cmp(b.2)));
    best
}

/// Similarity in 0..=1: edit distance, with a small bonus for a shared start.
pub fn similarity(query: &str, key: &str) -> f64 {
    let edit = strsim::normalized_damerau_levenshtein(query, key);
    let jw = strsim::jaro_winkler(query, key);
    // Short strings: one edit is a large change; trust the edit distance alone.
    if query.len() < 5 {
        edit
    } else {
        edit.max(jw - 0.1)
    }
}

/// The single clear best match, if there is one.
fn confident(ranked: &[(f64, Target, &'static str)]) -> Option<(f64, Target)> {
    let (score, target, _) = *ranked.first()?;
    let runner_up = ranked.get(1).map_or(0.0, |r| r.0);
    (score >= ACCEPT && score - runner_up >= MARGIN).then_some((score, target))
}

fn suggestions_from(ranked: &[(f64, Target, &'static str)]) -> Vec<String> {
    ranked
        .iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, t, text)| label(*t, text))
        .collect()
}

/// How a suggestion reads: "zoloft (sertraline)", "percocet (oxycodone + acetaminophen)".
fn label(target: Target, text: &str) -> String {
    let ingredients: Vec<&str> = knowledge::ingredients_of(target)
        .iter()
        .map(|&i| knowledge::ingredient(i).id)
        .collect();
    let joined = ingredients.join(" + ");
    if normalize(text) == normalize(&joined) {
        joined
    } else {
        format!("{text} ({joined})")
    }
}

/// A suggestion for the autocomplete.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suggestion {
    /// The name to put in the field.
    pub name: &'static str,
    /// What it contains, e.g. "oxycodone + acetaminophen".
    pub detail: String,
    /// Known name starting with the text (true) or a near spelling (false).
    pub prefix: bool,
}

/// Autocomplete: names starting with the text first (generic names, then shorter), then close
/// spellings. One entry per product or ingredient.
pub fn suggest(text: &str, limit: usize) -> Vec<Suggestion> {
    let query = normalize(text);
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut out: Vec<(Target, Suggestion)> = Vec::new();
    let mut prefixed: Vec<Name> = knowledge::names_with_prefix(&query).iter().collect();
    prefixed.sort_by_key(|n| (n.kind() != NameKind::Generic, n.key().len(), n.key()));
    for n in prefixed {
        push(&mut out, n, true);
        if out.len() >= limit {
            break;
        }
    }
    if out.len() < limit && query.len() >= 3 {
        // While typing, people rarely get the first letter wrong: compare only names that share
        // it, which keeps each keystroke cheap.
        let mut near: Vec<(f64, Name)> =
            knowledge::names_starting_with(query.as_bytes().first().copied())
                .iter()
                .filter_map(|n| {
                    // Compare with the start of each name, so that a partly typed word still matches.
                    let key = n.key();
                    let end = key
                        .char_indices()
                        .nth(query.len() + 1)
                        .map_or(key.len(), |(i, _)| i);
                    let score = similarity(&query, &key[..end]);
                    (score >= 0.75).then_some((score, n))
                })
                .collect();
        near.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.1.key().len().cmp(&b.1.key().len()))
        });
        for (_, n) in near {
            if out.len() >= limit {
                break;
            }
            push(&mut out, n, false);
        }
    }
    out.into_iter().map(|(_, s)| s).collect()
}

fn push(out: &mut Vec<(Target, Suggestion)>, n: Name, prefix: bool) {
    if out.iter().any(|(t, _)| *t == n.target()) {
        return;
    }
    let detail: Vec<&str> = knowledge::ingredients_of(n.target())
        .iter()
        .map(|&i| knowledge::ingredient(i).id)
        .collect();
    out.push((
        n.target(),
        Suggestion {
            name: n.text(),
            detail: detail.join(" + "),
            prefix,
        },
    ));
}

/// A resolved condition or allergy line.
#[derive(Debug, Clone, PartialEq)]
pub struct TermMatch {
    pub index: u16,
    pub corrected: bool,
}

/// Words people add around a condition or an allergy that do not change what it is.
const TERM_NOISE: &[&str] = &[
    "allergy",
    "allergies",
    "allergic",
    "to",
    "intolerance",
    "intolerant",
    "reaction",
    "of",
    "hx",
    "history",
    "h",
    "o",
    "my",
    "i",
    "have",
    "has",
    "chronic",
    "known",
];

/// Resolves a line against a sorted (key, index) table, exactly or by spelling.
pub fn term(text: &str, table: &knowledge::TermTable) -> Result<TermMatch, Vec<String>> {
    let key = normalize(text);
    let lookup = |k: &str| table.find(k);
    if let Some(index) = lookup(&key) {
        return Ok(TermMatch {
            index,
            corrected: false,
        });
    }
    let stripped: Vec<&str> = key.split(' ').filter(|w| !TERM_NOISE.contains(w)).collect();
    let stripped = stripped.join(" ");
    if let Some(index) = lookup(&stripped) {
        return Ok(TermMatch {
            index,
            corrected: false,
        });
    }
    let mut ranked: Vec<(f64, u16, &str)> = Vec::new();
    for i in 0..table.len() {
        let (k, index) = (table.key(i), table.id(i));
        let score = similarity(&stripped, k);
        match ranked.iter_mut().find(|r| r.1 == index) {
            Some(r) if r.0 < score => *r = (score, index, k),
            Some(_) => {}
            None => ranked.push((score, index, k)),
        }
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let best = ranked.first().copied();
    let runner_up = ranked.get(1).map_or(0.0, |r| r.0);
    match best {
        Some((score, index, _)) if score >= ACCEPT && score - runner_up >= MARGIN => {
            Ok(TermMatch {
                index,
                corrected: true,
            })
        }
        _ => Err(ranked
            .iter()
            .filter(|r| r.0 >= SUGGEST)
            .take(MAX_SUGGESTIONS)
            .map(|r| r.2.to_owned())
            .collect()),
    }
}

/// Strips allergy words ("allergy to", "intolerance") before a medicine name is looked up.
pub fn allergy_words_removed(text: &str) -> String {
    normalize(text)
        .split(' ')
        .filter(|w| !TERM_NOISE.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!(NOISE.windows(2).all(|w| w[0] < w[1]), "NOISE");
        assert!(SALTS.windows(2).all(|w| w[0] < w[1]), "SALTS");
    }

    #[test]
    fn no_name_starts_with_a_noise_word() {
        for name in knowledge::all_names().iter() {
            let first = name.key().split(' ').next().unwrap_or("");
            assert!(
                NOISE.binary_search(&first).is_err(),
                "{:?} starts with a noise word",
                name.key()
            );
        }
    }

    #[test]
    fn strengths() {
        assert_eq!(strengths_in("Tylenol 500 mg tablet"), vec![500.0]);
        assert_eq!(strengths_in("Norco 5/325"), vec![5.0, 325.0]);
        assert_eq!(strengths_in("levothyroxine 75 mcg"), vec![0.075]);
        assert_eq!(strengths_in("metformin 1 g"), vec![1000.0]);
        assert_eq!(strengths_in("lisinopril 20mg"), vec![20.0]);
        assert_eq!(
            strengths_in("acetaminophen 325 MG / oxycodone hydrochloride 5 MG Oral Tablet"),
            vec![325.0, 5.0]
        );
        assert_eq!(strengths_in("24 HR metoprolol succinate 50 MG"), vec![50.0]);
        assert_eq!(strengths_in("polyethylene glycol 3350"), Vec::<f32>::new());
    }

    #[test]
    fn similarity_prefers_close_spellings() {
        assert!(similarity("setraline", "sertraline") >= ACCEPT);
        assert!(similarity("metforman", "metformin") >= ACCEPT);
        assert!(similarity("asprin", "aspirin") >= ACCEPT);
        assert!(similarity("zzz", "zoloft") < SUGGEST);
    }
}
