//! What a panic does when it reaches the edge of an `extern "C"` function, run
//! in a child process so that whatever it does cannot take the measurement
//! with it. Built by Rust 1.80.1 and by the pinned release, it prints one JSON
//! line per figure: whether the child aborted, whether its caller caught the
//! panic, whether Rust said the function cannot unwind, and how the child exited.

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, ExitCode};

// region: edge
/// An export with a bug: it panics, and nothing inside it catches the panic.
/// Up to Rust 1.80 the unwind leaving it was undefined behaviour; since 1.81
/// (RFC 2945) the function aborts the process instead.
extern "C" fn export_with_a_bug() {
    panic!("a bug inside an extern \"C\" function");
}

/// The child: calls the export the way a caller would, under `catch_unwind`
/// as a Go wrapper's cgo frames cannot, to see whether the panic gets out.
fn child() {
    let caught = std::panic::catch_unwind(|| export_with_a_bug()).is_err();
    println!("the panic left the extern \"C\" function and was caught: {caught}");
}
// endregion

/// `s` as a JSON string.
fn json(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out + "\""
}

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("child") {
        child();
        return ExitCode::SUCCESS;
    }
    let exe = std::env::current_exe().expect("the path of this program");
    // No backtrace, whatever the caller's environment: the child's output is part of the record.
    let out = Command::new(exe)
        .arg("child")
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("start the child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let figures = [
        ("aborted", (out.status.signal() == Some(6)).to_string()), // SIGABRT
        ("caught", stdout.contains("caught: true").to_string()),
        (
            "cannot-unwind",
            stderr
                .contains("panic in a function that cannot unwind")
                .to_string(),
        ),
        ("exit", json(&out.status.to_string())),
    ];
    for (name, value) in figures {
        println!("{{\"figure\":\"{name}\",\"value\":{value}}}");
    }
    ExitCode::SUCCESS
}
