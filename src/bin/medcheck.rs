//! The `medcheck` command line.
//!
//! ```text
//! medcheck check [FILE]        one profile (JSON) from FILE or stdin → one report
//! medcheck check --jsonl [FILE] one profile per line → one report (or {"error": …}) per line
//! medcheck search TEXT          autocomplete suggestions for TEXT
//! medcheck kb stats             sizes of the knowledge base
//! ```
//! Exit status: 0 when the check ran (findings or not), 2 for invalid input or usage.

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

const USAGE: &str =
    "usage: medcheck check [--jsonl] [FILE] | medcheck search TEXT | medcheck kb stats";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["check", rest @ ..] => check(rest),
        ["search", words @ ..] if !words.is_empty() => search(&words.join(" ")),
        ["kb", "stats"] => print_json(&medcheck::knowledge::counts()),
        ["-h" | "--help" | "help"] => write_line(&mut io::stdout().lock(), USAGE),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("medcheck: {message}");
            ExitCode::from(2)
        }
    }
}

fn check(args: &[&str]) -> Result<(), String> {
    let jsonl = args.contains(&"--jsonl");
    let files: Vec<&str> = args.iter().copied().filter(|a| *a != "--jsonl").collect();
    if files.len() > 1 || files.iter().any(|f| f.starts_with('-') && *f != "-") {
        return Err(USAGE.to_owned());
    }
    let (name, input): (&str, Box<dyn Read>) = match files.first() {
        None | Some(&"-") => ("<stdin>", Box::new(io::stdin())),
        Some(path) => (
            path,
            Box::new(std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?),
        ),
    };
    if jsonl {
        let out = io::stdout();
        let mut out = out.lock();
        for line in io::BufReader::new(input).lines() {
            let line = line.map_err(|e| format!("{name}: {e}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let json = match medcheck::check_json(&line) {
                Ok(report) => serde_json::to_string(&report),
                Err(e) => serde_json::to_string(&serde_json::json!({ "error": e.to_string() })),
            }
            .map_err(|e| e.to_string())?;
            write_line(&mut out, &json)?;
        }
        return Ok(());
    }
    let mut text = String::new();
    io::BufReader::new(input)
        .read_to_string(&mut text)
        .map_err(|e| format!("{name}: {e}"))?;
    let report = medcheck::check_json(&text).map_err(|e| format!("{name}: {e}"))?;
    print_json(&report)
}

fn search(text: &str) -> Result<(), String> {
    print_json(&medcheck::suggest(text, 10))
}

fn print_json(value: &impl serde::Serialize) -> Result<(), String> {
    let json = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    write_line(&mut io::stdout().lock(), &json)
}

/// Writes a line; a reader that went away (`| head`) ends the output quietly, not with a panic.
fn write_line(out: &mut impl Write, line: &str) -> Result<(), String> {
    match writeln!(out, "{line}") {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(()),
    }
}
