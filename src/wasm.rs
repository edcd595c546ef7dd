//! The JavaScript boundary, and the only file that knows JavaScript. Everything crossing it is
//! JSON-shaped; errors become `Error` objects carrying the same messages as the command line.

use js_sys::JSON;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
export type Severity = "contraindicated" | "major" | "moderate" | "minor";
export type Kind = "interaction" | "duplication" | "condition" | "allergy" | "age" | "pregnancy" | "renal" | "dose" | "food";
export interface MedicationInput { name: string; dose?: string; frequency?: string; }
export interface Profile {
  age?: number; sex?: "female" | "male" | "other"; pregnant?: boolean; egfr?: number;
  conditions?: string[]; allergies?: string[]; medications?: MedicationInput[];
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
  title: string; patient: string; professional: string; action: string;
  monitor: string[]; sources: string[]; rule: string;
}
export interface Report {
  knowledge_version: string; medications: Medication[]; conditions: Term[]; allergies: Term[];
  findings: Finding[];
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
    // Through JSON text, so that errors read exactly as they do on the command line.
    let json = match profile.as_string() {
        Some(text) => text,
        None => JSON::stringify(&profile)
            .map_err(|_| into_error("the profile could not be read as JSON"))?
            .as_string()
            .ok_or_else(|| into_error("the profile must be an object"))?,
    };
    let report = crate::check_json(&json).map_err(into_error)?;
    to_js(&report)
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
