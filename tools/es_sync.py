#!/usr/bin/env python3
"""Keeps the Spanish text files in step with the English knowledge base.

Every patient-facing English text (titles, patient and action texts, monitoring items, education,
goals, purposes and class, condition and allergy names) must have a Spanish version in
src/knowledge/es/*.toml as a `[[text]]` record with `en` and `es`. This script appends a record
with an empty `es` for each English text that has none (in es/<same file name>.toml) and lists
translations whose English text is no longer used. The build refuses nothing; `cargo test --test
knowledge` fails while any Spanish text is missing or empty.

Usage: tools/es_sync.py [--check]
"""
import glob
import json
import os
import sys
import tomllib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "knowledge")
# Fields whose text reaches the patient. Anything else (ids, professional texts, sources) does not.
PATIENT_FIELDS = {"title", "patient", "action", "monitor", "goal", "interval", "how_to_take", "side_effects",
                  "serious", "avoid", "purpose"}
NAMED_TABLES = {"class", "condition", "allergy"}  # their `name` is shown too


def english_texts():
    """(text, file name) for every patient-facing text, first use wins, in file order."""
    seen = {}

    def walk(record, table, fname):
        for key, value in record.items():
            if key in PATIENT_FIELDS or (key == "name" and table in NAMED_TABLES):
                for t in [value] if isinstance(value, str) else value:
                    seen.setdefault(t, fname)
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for sub in value:
                    walk(sub, table, fname)

    for path in sorted(glob.glob(os.path.join(ROOT, "**", "*.toml"), recursive=True)):
        if os.sep + "es" + os.sep in path:
            continue
        data = tomllib.load(open(path, "rb"))
        for table, records in data.items():
            if isinstance(records, list):
                for r in records:
                    if isinstance(r, dict):
                        walk(r, table, os.path.basename(path))
    return seen


def translations():
    out = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "es", "*.toml"))):
        for r in tomllib.load(open(path, "rb")).get("text", []):
            out[r["en"]] = r.get("es", "")
    return out


def main():
    check = "--check" in sys.argv
    english = english_texts()
    have = translations()
    missing = [(t, f) for t, f in english.items() if t not in have]
    empty = [t for t in english if have.get(t) == ""]
    unused = [t for t in have if t not in english]
    if not check:
        by_file = {}
        for t, f in missing:
            by_file.setdefault(f, []).append(t)
        for f, texts in by_file.items():
            path = os.path.join(ROOT, "es", f)
            new = not os.path.exists(path)
            with open(path, "a", encoding="utf-8") as out:
                if new:
                    out.write(f"# Spanish for the patient-facing texts first used in {f}.\n")
                for t in texts:
                    en = json.dumps(t, ensure_ascii=False)
                    out.write(f'\n[[text]]\nen = {en}\nes = ""\n')
    print(f"{len(english)} texts; {len(missing)} added, {len(empty)} untranslated, {len(unused)} unused")
    for t in unused:
        print(f"unused: {t!r}")
    return 1 if check and (missing or empty or unused) else 0


if __name__ == "__main__":
    sys.exit(main())
