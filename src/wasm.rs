//! The JavaScript boundary, and the only file that knows JavaScript. Everything crossing it is
//! JSON-shaped; errors become `Error` objects carrying the same messages as the command line
//! (both read the profile through `profile::validate`).

use js_sys::JSON;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
export type Severity = "contraindicated" | "major" | "moderate" | "minor";
export type Kind = "interaction" | "duplication" | "condition" | "allergy" | "age" | "pregnancy" | "renal" | "dose" | "food" | "anticholinergic";
export interface MedicationInput { name: string; dose?: string; frequency?: string; start?: string; reason?: string; }
export interface Profile {
  age?: number; sex?: "female" | "male" | "other"; pregnant?: boolean; egfr?: number;
  conditions?: string[]; allergies?: string[]; medications?: MedicationInput[]; today?: string;
}
export interface Medication {
  input: string; recognized: boolean; product: string | null; ingredients: string[];
  corrected: boolean; confidence: number; suggestions: string[];
  daily_mg?: { ingredient: string; mg: number }[];
}
export interface Term {
  input: string; recognized: boolean; id: string | null; name: string | null;
  corrected: boolean; suggestions: string[];
}
export interface Finding {
  kind: Kind; severity: Severity; ingredients: string[]; medications: number[];
  title: string; patient: string; professional?: string; action: string;
  monitor: string[]; sources: string[]; rule: string;
  evidence?: "established" | "probable" | "theoretical";
}
export interface Plan {
  goals: { goal: string; medications: number[]; sources: string[] }[];
  actions: { step: string; who: "pharmacist" | "doctor"; when: "today" | "this-week" | "next-visit"; due: string | null; findings: number[] }[];
  monitoring: { what: string; interval: string; medications: number[] }[];
  follow_up: { in_days: number; date: string | null; reason: string }[];
  review_prompts: { question: string; medications: number[]; why: "duplicate" | "older-adult" | "long-term" | "otc-daily" }[];
}
export interface Count { count: number; ingredients: string[]; }
export interface Burden { anticholinergic: Count; anticholinergic_scale: string; cns_depressants: Count;
  serotonergic: Count; qt_prolonging: Count; bleeding_risk: Count; }
export interface Education { ingredient: string; purpose: string; how_to_take: string; side_effects: string[];
  serious: string[]; avoid: string[]; medications: number[]; sources: string[]; }
export interface Report {
  knowledge_version: string; language: 'en' | 'es'; medications: Medication[]; conditions: Term[]; allergies: Term[];
  findings: Finding[]; plan: Plan; burden: Burden; education: Education[];
  summary: { contraindicated: number; major: number; moderate: number; minor: number; unrecognized: number };
}
export interface Suggestion { name: string; detail: string; prefix: boolean; }
export interface Knowledge { version: string; ingredients: number; names: number; products: number;
  interaction_records: number; mechanism_rules: number; pair_records: number; [key: string]: number | string; }
/** Checks a profile (an object, or its JSON text). Throws an Error naming the field at fault. */
export function check(profile: Profile | string): Report;
/** Autocomplete suggestions for what has been typed so far, best first. */
export function suggest(text: string, limit?: number): Suggestion[];
/** The knowledge version and the sizes of the knowledge base. */
export function knowledge(): Knowledge;
"#;

/// Every error crosses the boundary here.
fn into_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(into_error)
}

#[wasm_bindgen(skip_typescript)]
pub fn check(profile: JsValue) -> Result<JsValue, JsValue> {
    let value = match profile.as_string() {
        Some(text) if text.len() > crate::profile::MAX_JSON => {
            return Err(into_error(format!(
                "the profile is larger than {} kB",
                crate::profile::MAX_JSON / 1024
            )))
        }
        Some(text) => JSON::parse(&text).map_err(|e| {
            let reason = js_sys::Error::from(e)
                .message()
                .as_string()
                .unwrap_or_default();
            into_error(format!("not valid JSON ({reason})"))
        })?,
        None => profile,
    };
    refuse_unknown_fields(&value)?;
    let checked = crate::profile::from_deserializer(serde_wasm_bindgen::Deserializer::from(value))
        .map_err(into_error)?;
    to_js(&crate::check_with_plan(&checked))
}

/// serde-wasm-bindgen reads only the fields it knows; the contract refuses the others.
fn refuse_unknown_fields(value: &JsValue) -> Result<(), JsValue> {
    use crate::profile::{unknown_field, MEDICATION_FIELDS, PROFILE_FIELDS};
    let check = |object: &JsValue, path: &str, expected: &[&str]| -> Result<(), JsValue> {
        if !object.is_object() || js_sys::Array::is_array(object) {
            return Ok(()); // the deserializer reports the wrong type
        }
        let object: &js_sys::Object = object.unchecked_ref();
        for key in js_sys::Object::keys(object).iter() {
            let key = key.as_string().unwrap_or_default();
            if !expected.contains(&key.as_str()) {
                return Err(into_error(unknown_field(path, &key, expected)));
            }
        }
        Ok(())
    };
    check(value, "", PROFILE_FIELDS)?;
    if value.is_object() {
        let meds = js_sys::Reflect::get(value, &JsValue::from_str("medications"))
            .unwrap_or(JsValue::UNDEFINED);
        if js_sys::Array::is_array(&meds) {
            for (i, m) in js_sys::Array::from(&meds).iter().enumerate() {
                check(&m, &format!("medications[{i}]"), MEDICATION_FIELDS)?;
            }
        }
    }
    Ok(())
}

#[wasm_bindgen(skip_typescript)]
pub fn suggest(text: &str, limit: Option<u32>) -> Result<JsValue, JsValue> {
    let limit = limit.unwrap_or(8).min(50) as usize;
    to_js(&crate::suggest(text, limit))
}

#[wasm_bindgen(skip_typescript)]
pub fn knowledge() -> Result<JsValue, JsValue> {
    to_js(&crate::knowledge::counts())
}
