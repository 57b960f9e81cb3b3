//! What a panic does when it reaches the edge of an `extern "C"` function, run
//! in a child process so that whatever it does cannot take the measurement
//! with it. Built by Rust 1.80.1 and by the pinned release, it prints one JSON
//! line: whether the child aborted.

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
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!(
        "{{\"figure\":\"panic-at-extern-c-edge\",\"value\":{},\"unit\":\"aborted\",\"exit\":{},\"stdout\":{},\"cannot_unwind\":{}}}",
        u8::from(out.status.signal() == Some(6)), // SIGABRT
        json(&out.status.to_string()),
        json(stdout.trim()),
        stderr.contains("panic in a function that cannot unwind"),
    );
    ExitCode::SUCCESS
}
