//! `newsmark analyze`: one text to one JSON object, or a JSON-lines batch to JSON lines.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Failure;

/// Runs `newsmark analyze` with the arguments after the command name.
pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut jsonl = false;
    let mut pretty = false;
    let mut path: Option<&str> = None;
    for arg in args {
        match arg.as_str() {
            "--jsonl" => jsonl = true,
            "--pretty" => pretty = true,
            "-" if path.is_none() => path = Some("-"),
            flag if flag.starts_with('-') => {
                return Err(Failure::Usage(format!("unknown option '{flag}'")))
            }
            file if path.is_none() => path = Some(file),
            extra => return Err(Failure::Usage(format!("unexpected argument '{extra}'"))),
        }
    }
    if jsonl && pretty {
        return Err(Failure::Usage(
            "--pretty and --jsonl do not go together".into(),
        ));
    }
    let input = open(path)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = if jsonl {
        batch(input, &mut out)
    } else {
        single(input, &mut out, pretty)
    };
    written.and_then(|()| out.flush().map_err(|e| write_failure(&e)))
}

fn open(path: Option<&str>) -> Result<Box<dyn Read>, Failure> {
    match path {
        None | Some("-") => Ok(Box::new(io::stdin().lock())),
        Some(file) => File::open(file)
            .map(|f| Box::new(f) as Box<dyn Read>)
            .map_err(|e| Failure::Input(format!("cannot read {file}: {e}"))),
    }
}

fn write_failure(error: &io::Error) -> Failure {
    Failure::Input(format!("cannot write the output: {error}"))
}

/// The whole input as one text.
fn single(mut input: Box<dyn Read>, out: &mut impl Write, pretty: bool) -> Result<(), Failure> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Input(format!("cannot read the input: {e}")))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        Failure::Input(format!(
            "the input is not valid UTF-8 at byte offset {}",
            e.valid_up_to()
        ))
    })?;
    let analysis = newsmark::analyze(text);
    let written = if pretty {
        serde_json::to_writer_pretty(&mut *out, &analysis).map_err(io::Error::from)
    } else {
        out.write_all(newsmark::json::to_string(&analysis).as_bytes())
    };
    written.and_then(|()| out.write_all(b"\n")).map_err(|e| write_failure(&e))
}

/// One input line of the batch mode.
#[derive(Deserialize)]
struct BatchLine {
    #[serde(default)]
    id: Option<Value>,
    text: String,
}

/// The output line for an input line that cannot be analysed.
#[derive(Serialize)]
struct BatchError<'a> {
    id: &'a Value,
    error: String,
}

/// Each input line to one output line, in order; a bad line gets an error line and the run
/// goes on.
fn batch(input: Box<dyn Read>, out: &mut impl Write) -> Result<(), Failure> {
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let mut line = Vec::new();
    let mut json = String::new();
    let mut number = 0u64;
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| Failure::Input(format!("cannot read the input: {e}")))?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        let written = match parse_line(&line) {
            Ok(parsed) => {
                let id = parsed.id.unwrap_or(Value::from(number));
                result_line(&id, &newsmark::analyze(&parsed.text), &mut json);
                out.write_all(json.as_bytes())
            }
            Err((id, error)) => serde_json::to_writer(
                &mut *out,
                &BatchError {
                    id: &id.unwrap_or(Value::from(number)),
                    error,
                },
            )
            .map_err(io::Error::from),
        };
        written
            .and_then(|()| out.write_all(b"\n"))
            .map_err(|e| write_failure(&e))?;
    }
}

/// Makes `line` the output line for an analysed input line: the id, then the analysis's
/// members, `{"id":…,"actors":…,"quotes":…,"terms":…}`.
fn result_line(id: &Value, analysis: &newsmark::Analysis, line: &mut String) {
    line.clear();
    // A `Value` displays as compact JSON, as serde_json writes it.
    write!(line, "{{\"id\":{id},").expect("a String takes any text");
    newsmark::json::write_members(analysis, line);
    line.push('}');
}

/// Parses one batch line; on failure returns the id when one could be read, and the reason.
fn parse_line(line: &[u8]) -> Result<BatchLine, (Option<Value>, String)> {
    let text = std::str::from_utf8(line).map_err(|e| {
        let id = id_of(&String::from_utf8_lossy(line));
        (id, format!("line is not valid UTF-8 at byte offset {}", e.valid_up_to()))
    })?;
    if text.trim().is_empty() {
        return Err((None, "empty line".into()));
    }
    serde_json::from_str::<BatchLine>(text).map_err(|e| (id_of(text), format!("bad line: {e}")))
}

/// The "id" of a line that is JSON but cannot be analysed.
fn id_of(line: &str) -> Option<Value> {
    serde_json::from_str::<Value>(line).ok().and_then(|v| v.get("id").cloned())
}
