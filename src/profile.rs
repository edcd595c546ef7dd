//! The input: a patient profile, read from JSON and validated. Every error names where it is
//! (`medications[2].frequency`) and what is wrong with it.

use std::fmt;

use serde::Deserialize;

use crate::date::Date;

/// Most medicine lines a profile may hold.
pub const MAX_MEDICATIONS: usize = 100;
/// Most condition or allergy lines a profile may hold.
pub const MAX_TERMS: usize = 50;
/// Longest text a field may hold, in characters.
pub const MAX_TEXT: usize = 200;
/// Largest JSON document accepted, in bytes.
pub const MAX_JSON: usize = 256 * 1024;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default)]
    pub age: Option<u32>,
    #[serde(default)]
    pub sex: Option<Sex>,
    #[serde(default)]
    pub pregnant: Option<bool>,
    /// Kidney function, eGFR in mL/min/1.73 m².
    #[serde(default)]
    pub egfr: Option<f64>,
    #[serde(default)]
    pub conditions: Vec<String>,
    #[serde(default)]
    pub allergies: Vec<String>,
    #[serde(default)]
    pub medications: Vec<MedicationInput>,
    /// The day of the check ("YYYY-MM-DD"), for follow-up dates.
    #[serde(default)]
    pub today: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Female,
    Male,
    Other,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicationInput {
    pub name: String,
    /// "1000 mg", "2 tablets", "75 mcg".
    #[serde(default)]
    pub dose: Option<String>,
    /// "twice daily", "every 6 hours", "BID", "weekly", "as needed".
    #[serde(default)]
    pub frequency: Option<String>,
    /// When it was started ("YYYY-MM-DD").
    #[serde(default)]
    pub start: Option<String>,
    /// Why it is taken, in the patient's words.
    #[serde(default)]
    pub reason: Option<String>,
}

/// The fields a profile may have (kept in step with [`Profile`] by a test).
pub const PROFILE_FIELDS: &[&str] = &[
    "age",
    "sex",
    "pregnant",
    "egfr",
    "conditions",
    "allergies",
    "medications",
    "today",
];
/// The fields a medication line may have (kept in step with [`MedicationInput`] by a test).
pub const MEDICATION_FIELDS: &[&str] = &["name", "dose", "frequency", "start", "reason"];

/// The error for a field that is not part of the contract, worded as serde words it, so that
/// a reader that cannot refuse unknown fields itself (JavaScript objects) reports them the same.
pub fn unknown_field(path: &str, field: &str, expected: &[&str]) -> Error {
    let expected: Vec<String> = expected.iter().map(|f| format!("`{f}`")).collect();
    Error::at(
        if path.is_empty() {
            field.to_owned()
        } else {
            format!("{path}.{field}")
        },
        format!(
            "unknown field `{field}`, expected one of {}",
            expected.join(", ")
        ),
    )
}

/// A problem with the input, with the path of the field at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub path: String,
    pub message: String,
}

impl Error {
    fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// An amount per dose.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    Mg(f32),
    /// Tablets, capsules, puffs, doses: the strength comes from the medicine's name.
    Units(f32),
    /// A volume (mL) or another amount that cannot be turned into milligrams.
    Other,
}

/// How often a medicine is taken.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frequency {
    /// Doses a day at most; `None` when not known ("as needed" alone).
    pub per_day: Option<f32>,
    /// Once a week or less often.
    pub weekly: bool,
    pub as_needed: bool,
}

/// A validated medicine line, with its dose and frequency understood.
#[derive(Debug, Clone)]
pub struct Medication {
    pub name: String,
    pub amount: Option<Amount>,
    pub frequency: Option<Frequency>,
    pub start: Option<Date>,
    pub reason: Option<String>,
}

/// A validated profile.
#[derive(Debug, Clone)]
pub struct Checked {
    pub age: Option<u32>,
    pub sex: Option<Sex>,
    pub pregnant: bool,
    pub egfr: Option<f32>,
    pub conditions: Vec<String>,
    pub allergies: Vec<String>,
    pub medications: Vec<Medication>,
    pub today: Option<Date>,
}

/// Reads a profile from JSON, refusing unknown fields and values out of range.
pub fn from_json(json: &str) -> Result<Checked, Error> {
    if json.len() > MAX_JSON {
        return Err(Error::at(
            "",
            format!("the profile is larger than {} kB", MAX_JSON / 1024),
        ));
    }
    let de = &mut serde_json::Deserializer::from_str(json);
    let profile: Profile = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            Error::at("", format!("not valid JSON ({inner})"))
        } else {
            Error::at(field_path(path), strip_position(&inner.to_string()))
        }
    })?;
    validate(profile)
}

/// Reads a profile from any serde deserializer (the wasm module reads JavaScript values
/// directly); errors read as they do from [`from_json`].
pub fn from_deserializer<'de, D>(de: D) -> Result<Checked, Error>
where
    D: serde::Deserializer<'de>,
{
    let profile: Profile = serde_path_to_error::deserialize(de)
        .map_err(|e| Error::at(field_path(e.path().to_string()), e.into_inner().to_string()))?;
    validate(profile)
}

/// serde_path_to_error writes the root as ".".
fn field_path(path: String) -> String {
    if path == "." {
        String::new()
    } else {
        path
    }
}

/// serde_json appends "at line 1 column 9"; the path already says where.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Checks limits and ranges, and parses doses and frequencies.
pub fn validate(p: Profile) -> Result<Checked, Error> {
    if let Some(age) = p.age {
        if age > 130 {
            return Err(Error::at(
                "age",
                trf!(
                    "{age} is not an age in years (0 to 130)",
                    "{age} no es una edad en años (0 a 130)"
                ),
            ));
        }
    }
    let egfr = match p.egfr {
        Some(e) if !(0.0..=200.0).contains(&e) || e.is_nan() => {
            return Err(Error::at(
                "egfr",
                trf!(
                    "{e} is not an eGFR (0 to 200 mL/min/1.73 m²)",
                    "{e} no es una TFGe (0 a 200 mL/min/1,73 m²)"
                ),
            ))
        }
        other => other.map(|e| e as f32),
    };
    if p.pregnant == Some(true) && p.sex == Some(Sex::Male) {
        return Err(Error::at("pregnant", "is true but sex is \"male\""));
    }
    check_list("conditions", &p.conditions, MAX_TERMS)?;
    check_list("allergies", &p.allergies, MAX_TERMS)?;
    if p.medications.len() > MAX_MEDICATIONS {
        return Err(Error::at(
            "medications",
            format!(
                "{} lines is more than the {MAX_MEDICATIONS} a check can take",
                p.medications.len()
            ),
        ));
    }
    let mut medications = Vec::with_capacity(p.medications.len());
    for (i, m) in p.medications.into_iter().enumerate() {
        let path = |field: &str| format!("medications[{i}].{field}");
        check_text(&path("name"), &m.name)?;
        let amount = match &m.dose {
            Some(d) => {
                check_text(&path("dose"), d)?;
                Some(parse_amount(d).ok_or_else(|| {
                    Error::at(
                        path("dose"),
                        trf!(
                            "{d:?} is not a dose I understand; try \"500 mg\" or \"2 tablets\"",
                            "{d:?} no es una dosis que entienda; pruebe \"500 mg\" o \"2 tabletas\""
                        ),
                    )
                })?)
            }
            None => None,
        };
        let frequency = match &m.frequency {
            Some(f) => {
                check_text(&path("frequency"), f)?;
                Some(parse_frequency(f).ok_or_else(|| {
                    Error::at(
                        path("frequency"),
                        trf!(
                            "{f:?} is not a frequency I know; try \"3 times a day\" or \"every 8 hours\"",
                            "{f:?} no es una frecuencia que conozca; pruebe \"3 veces al día\" o \"cada 8 horas\""
                        ),
                    )
                })?)
            }
            None => None,
        };
        let start = match &m.start {
            Some(text) => Some(date(&path("start"), text)?),
            None => None,
        };
        if let Some(reason) = &m.reason {
            check_text(&path("reason"), reason)?;
        }
        medications.push(Medication {
            name: m.name,
            amount,
            frequency,
            start,
            reason: m.reason,
        });
    }
    let today = match &p.today {
        Some(text) => Some(date("today", text)?),
        None => None,
    };
    Ok(Checked {
        today,
        age: p.age,
        sex: p.sex,
        pregnant: p.pregnant.unwrap_or(false),
        egfr,
        conditions: p.conditions,
        allergies: p.allergies,
        medications,
    })
}

fn date(path: &str, text: &str) -> Result<Date, Error> {
    Date::parse(text).ok_or_else(|| {
        Error::at(
            path,
            trf!(
                "{text:?} is not a date; write it as YYYY-MM-DD",
                "{text:?} no es una fecha; escríbala como AAAA-MM-DD"
            ),
        )
    })
}

fn check_list(field: &str, items: &[String], max: usize) -> Result<(), Error> {
    if items.len() > max {
        return Err(Error::at(
            field,
            format!("{} lines is more than the {max} allowed", items.len()),
        ));
    }
    for (i, item) in items.iter().enumerate() {
        check_text(&format!("{field}[{i}]"), item)?;
    }
    Ok(())
}

fn check_text(path: &str, text: &str) -> Result<(), Error> {
    if text.trim().is_empty() {
        return Err(Error::at(path, tr!("is empty", "está vacío")));
    }
    let n = text.chars().count();
    if n > MAX_TEXT {
        return Err(Error::at(
            path,
            format!("is {n} characters long; the limit is {MAX_TEXT}"),
        ));
    }
    Ok(())
}

fn words(text: &str) -> Vec<String> {
    // ASCII folding is enough for doses and frequencies, and keeps Unicode case tables out of the
    // wasm module.
    let lower: String = text
        .chars()
        .map(crate::normalize::fold)
        .collect::<String>()
        .to_ascii_lowercase();
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in lower.chars() {
        // Split between digits and letters too: "500mg" → "500", "mg".
        let boundary = match cur.chars().last() {
            Some(last) => last.is_ascii_digit() != c.is_ascii_digit() && c != '.' && last != '.',
            None => false,
        };
        if c.is_ascii_alphanumeric() || c == '.' || c == 'µ' {
            if boundary {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.retain(|w| w != ".");
    out.into_iter()
        .map(|w| english(&w).map_or(w, str::to_owned))
        .collect()
}

/// Spanish dose and frequency words, read as the English ones the parsers know: "dos veces al
/// día" reads as "2 times al day", "cada 8 horas" as "every 8 hours", "2 tabletas" as "2 tablets".
fn english(word: &str) -> Option<&'static str> {
    Some(match word {
        "un" | "una" | "uno" => "1",
        "dos" => "2",
        "tres" => "3",
        "cuatro" => "4",
        "vez" | "veces" => "times",
        "dia" | "dias" => "day",
        "diario" | "diaria" | "diariamente" => "daily",
        "semana" | "semanas" | "semanal" | "semanalmente" => "week",
        "mes" | "mensual" => "month",
        "cada" => "every",
        "hora" | "horas" => "hours",
        "noche" | "acostarse" => "night",
        "manana" => "morning",
        "tarde" => "evening",
        "necesario" | "necesaria" | "necesidad" => "needed",
        "tableta" | "tabletas" | "comprimido" | "comprimidos" | "pastilla" | "pastillas" => {
            "tablets"
        }
        "capsula" | "capsulas" => "capsules",
        _ => return None,
    })
}

fn number(word: &str) -> Option<f32> {
    let n = match word {
        "a" | "an" | "one" | "once" => 1.0,
        "two" | "twice" => 2.0,
        "three" | "thrice" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "half" => 0.5,
        w => w.trim_end_matches('.').parse::<f32>().ok()?,
    };
    (n.is_finite() && n > 0.0).then_some(n)
}

/// "1000 mg", "1 g", "75 mcg", "2 tablets", "1 puff", "10 ml", "2".
pub fn parse_amount(text: &str) -> Option<Amount> {
    let w = words(text);
    let (n, rest) = w.split_first()?;
    let n = number(n)?;
    let unit = rest.first().map(String::as_str).unwrap_or("");
    let amount = match unit {
        "mg" | "milligram" | "milligrams" => Amount::Mg(n),
        "g" | "gm" | "gram" | "grams" => Amount::Mg(n * 1000.0),
        "mcg" | "µg" | "ug" | "microgram" | "micrograms" => Amount::Mg(n / 1000.0),
        "" | "tablet" | "tablets" | "tab" | "tabs" | "capsule" | "capsules" | "cap" | "caps"
        | "caplet" | "caplets" | "pill" | "pills" | "softgel" | "softgels" | "gelcap"
        | "gelcaps" | "puff" | "puffs" | "spray" | "sprays" | "dose" | "doses" | "patch"
        | "packet" | "packets" | "lozenge" | "lozenges" | "suppository" | "drop" | "drops"
        | "unit" | "units" | "scoop" | "chewable" | "chewables" | "gummy" | "gummies" => {
            Amount::Units(n)
        }
        "ml" | "milliliter" | "milliliters" | "millilitre" | "tsp" | "teaspoon" | "teaspoons"
        | "tbsp" | "tablespoon" | "tablespoons" | "iu" | "meq" => Amount::Other,
        _ => return None,
    };
    Some(amount)
}

/// "once daily", "BID", "every 6 hours", "3 times a day", "weekly", "as needed", …
pub fn parse_frequency(text: &str) -> Option<Frequency> {
    let w = words(text);
    let ws: Vec<&str> = w.iter().map(String::as_str).collect();
    let as_needed = ws
        .iter()
        .any(|x| matches!(*x, "prn" | "needed" | "necessary"));
    let mut per_day: Option<f32> = None;
    let mut weekly = false;
    let mut i = 0;
    while i < ws.len() {
        let x = ws[i];
        let next = ws.get(i + 1).copied().unwrap_or("");
        let found: Option<(f32, bool)> = match x {
            "qd" | "od" | "daily" | "nightly" | "qhs" | "hs" | "qam" | "qpm" | "bedtime"
            | "morning" | "evening" | "night" | "day" => Some((1.0, false)),
            "bid" | "bd" => Some((2.0, false)),
            "tid" | "tds" => Some((3.0, false)),
            "qid" | "qds" => Some((4.0, false)),
            "weekly" | "week" | "wk" => Some((1.0 / 7.0, true)),
            "monthly" | "month" => Some((1.0 / 30.0, true)),
            "every" | "q" | "each" => every(&ws[i + 1..]),
            _ if x.starts_with('q') && x.ends_with('h') && number(&x[1..x.len() - 1]).is_some() => {
                number(&x[1..x.len() - 1]).map(|h| (24.0 / h, false))
            }
            _ if matches!(next, "times" | "time" | "x") => {
                let rest = &ws[(i + 2).min(ws.len())..];
                if rest
                    .iter()
                    .any(|r| matches!(*r, "hour" | "hours" | "hourly"))
                {
                    // "3 times an hour" is not a dosing schedule; refuse rather than guess.
                    return None;
                }
                let weekly = rest.iter().any(|r| matches!(*r, "week" | "weekly" | "wk"));
                number(x).map(|n| if weekly { (n / 7.0, true) } else { (n, false) })
            }
            "once" | "twice" | "thrice" => {
                let n = number(x).unwrap_or(1.0);
                let rest = &ws[i + 1..];
                let period = |r: &&str| PERIOD_WORDS.contains(r);
                if rest.iter().any(|r| matches!(*r, "week" | "weekly" | "wk")) {
                    Some((n / 7.0, true))
                } else if rest.is_empty() || rest.iter().any(period) {
                    Some((n, false))
                } else {
                    // "thrice hourly": a period we do not know; refuse rather than guess.
                    return None;
                }
            }
            _ => None,
        };
        if let Some((n, w)) = found {
            // "every 4 to 6 hours": the most often it may be taken counts, so keep the larger.
            per_day = Some(per_day.map_or(n, |p: f32| p.max(n)));
            weekly = w;
            break;
        }
        i += 1;
    }
    if per_day.is_none() && !as_needed {
        return None;
    }
    Some(Frequency {
        per_day,
        weekly,
        as_needed,
    })
}

/// Words that make "once" or "twice" a daily count: "twice a day", "once at night".
const PERIOD_WORDS: &[&str] = &[
    "day", "daily", "night", "nightly", "morning", "evening", "bedtime", "noon", "24h",
];

/// After "every": "6 hours", "4-6 hours", "day", "other day", "week", "morning".
fn every(rest: &[&str]) -> Option<(f32, bool)> {
    let mut hours: Option<f32> = None;
    for (j, w) in rest.iter().enumerate() {
        match *w {
            "day" | "morning" | "night" | "evening" | "bedtime" | "24h" => {
                return Some((1.0 / hours.unwrap_or(1.0), false))
            }
            "other" => return Some((0.5, false)),
            "week" | "wk" => return Some((1.0 / 7.0 / hours.unwrap_or(1.0), true)),
            "month" => return Some((1.0 / 30.0, true)),
            "hour" | "hours" | "hr" | "hrs" | "h" => {
                return hours.map(|h| (24.0 / h, false));
            }
            w => {
                if let Some(n) = number(w) {
                    // the smallest interval in a range ("4 to 6") is the most often
                    hours = Some(hours.map_or(n, |h: f32| h.min(n)));
                } else if !matches!(w, "to" | "or") || j > 3 {
                    return None;
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("1000 mg"), Some(Amount::Mg(1000.0)));
        assert_eq!(parse_amount("500mg"), Some(Amount::Mg(500.0)));
        assert_eq!(parse_amount("1 g"), Some(Amount::Mg(1000.0)));
        assert_eq!(parse_amount("75 mcg"), Some(Amount::Mg(0.075)));
        assert_eq!(parse_amount("2 tablets"), Some(Amount::Units(2.0)));
        assert_eq!(parse_amount("two caps"), Some(Amount::Units(2.0)));
        assert_eq!(parse_amount("1"), Some(Amount::Units(1.0)));
        assert_eq!(parse_amount("10 ml"), Some(Amount::Other));
        assert_eq!(parse_amount("a handful"), None);
        assert_eq!(parse_amount("mg"), None);
    }

    fn per_day(text: &str) -> Option<f32> {
        parse_frequency(text).and_then(|f| f.per_day)
    }

    #[test]
    fn frequencies() {
        assert_eq!(per_day("once daily"), Some(1.0));
        assert_eq!(per_day("twice daily"), Some(2.0));
        assert_eq!(per_day("BID"), Some(2.0));
        assert_eq!(per_day("TID"), Some(3.0));
        assert_eq!(per_day("qid"), Some(4.0));
        assert_eq!(per_day("every 6 hours"), Some(4.0));
        assert_eq!(per_day("every 4-6 hours as needed"), Some(6.0));
        assert_eq!(per_day("q8h"), Some(3.0));
        assert_eq!(per_day("3 times a day"), Some(3.0));
        assert_eq!(per_day("three times daily"), Some(3.0));
        assert_eq!(per_day("at bedtime"), Some(1.0));
        assert_eq!(per_day("every other day"), Some(0.5));
        let weekly = parse_frequency("weekly").unwrap();
        assert!(weekly.weekly);
        assert!(parse_frequency("once a week").unwrap().weekly);
        assert!(!parse_frequency("once a day").unwrap().weekly);
        let prn = parse_frequency("as needed").unwrap();
        assert!(prn.as_needed && prn.per_day.is_none());
        assert_eq!(parse_frequency("thrice hourly"), None);
        assert_eq!(parse_frequency("whenever"), None);
    }

    #[test]
    fn field_lists_match_the_structs() {
        let all = r#"{"age":1,"sex":"male","pregnant":false,"egfr":90,"conditions":[],"allergies":[],
            "today":"2026-11-28",
            "medications":[{"name":"a","dose":"1 mg","frequency":"daily","start":"2026-01-01","reason":"pain"}]}"#;
        assert!(from_json(all).is_ok());
        assert_eq!(PROFILE_FIELDS.len(), 8);
        assert_eq!(MEDICATION_FIELDS.len(), 5);
        let serde = from_json(r#"{"weight":1}"#).unwrap_err();
        assert_eq!(serde, unknown_field("", "weight", PROFILE_FIELDS));
        let serde = from_json(r#"{"medications":[{"name":"x","dosage":"1"}]}"#).unwrap_err();
        assert_eq!(
            serde,
            unknown_field("medications[0]", "dosage", MEDICATION_FIELDS)
        );
    }

    #[test]
    fn errors_name_the_field() {
        let e =
            from_json(r#"{"medications":[{"name":"x","frequency":"thrice hourly"}]}"#).unwrap_err();
        assert_eq!(e.path, "medications[0].frequency");
        assert!(
            e.to_string()
                .contains("\"thrice hourly\" is not a frequency I know"),
            "{e}"
        );
        let e = from_json(r#"{"medications":[{"name":"x","dosage":"1"}]}"#).unwrap_err();
        assert_eq!(e.path, "medications[0].dosage");
        assert!(e.message.contains("unknown field `dosage`"), "{e}");
        let e = from_json(r#"{"age": 400}"#).unwrap_err();
        assert_eq!(e.path, "age");
        let e = from_json(r#"{"age": "old"}"#).unwrap_err();
        assert_eq!(e.path, "age");
        let e = from_json("{").unwrap_err();
        assert!(e.message.starts_with("not valid JSON"), "{e}");
        let long = "x".repeat(MAX_TEXT + 1);
        let e = from_json(&format!(r#"{{"medications":[{{"name":"{long}"}}]}}"#)).unwrap_err();
        assert_eq!(e.path, "medications[0].name");
    }
}

#[cfg(test)]
mod spanish_input {
    use super::{parse_amount, parse_frequency};

    #[test]
    fn spanish_frequencies_and_doses_are_read() {
        let per_day = |t: &str| parse_frequency(t).and_then(|f| f.per_day);
        assert_eq!(per_day("una vez al día"), Some(1.0));
        assert_eq!(per_day("dos veces al día"), Some(2.0));
        assert_eq!(per_day("3 veces al dia"), Some(3.0));
        assert_eq!(per_day("cada 8 horas"), Some(3.0));
        assert_eq!(per_day("al acostarse"), Some(1.0));
        assert!(parse_frequency("una vez por semana").is_some_and(|f| f.weekly));
        assert!(parse_frequency("cuando sea necesario").is_some_and(|f| f.as_needed));
        assert!(parse_amount("2 tabletas").is_some());
        assert!(parse_amount("500 mg").is_some());
        assert!(
            parse_frequency("tres veces por hora").is_none(),
            "an unknown period is refused"
        );
    }
}
