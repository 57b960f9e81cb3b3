//! The out-of-process crossing: answers requests on standard input with replies
//! on standard output, one length-prefixed frame each, until standard input
//! closes.
//!
//! Request: op (1 byte), length (u32, little-endian), that many bytes. Reply:
//! status (1 byte, `CrStatus`), value (u32, little-endian). A panic or an abort
//! ends this process only: the Go parent sees the pipe close and the exit
//! status.

use std::io::{self, BufReader, BufWriter, ErrorKind, Read, Write};
use std::process::ExitCode;

use crossings::{CrStatus, adler32};

// region: ops
const OP_NOOP: u8 = 0;
const OP_ADLER32: u8 = 1;
const OP_PANIC: u8 = 2;
const OP_ABORT: u8 = 3;
/// Refuses a frame longer than this rather than allocate whatever a corrupt
/// length says.
const MAX_FRAME: usize = 1 << 30;
// endregion

fn main() -> ExitCode {
    match serve(io::stdin().lock(), io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crossings-server: {e}");
            ExitCode::FAILURE
        }
    }
}

// region: serve
fn serve(input: impl Read, output: impl Write) -> io::Result<()> {
    let (mut input, mut output) = (BufReader::new(input), BufWriter::new(output));
    let mut payload = Vec::new();
    loop {
        let mut header = [0u8; 5];
        match input.read_exact(&mut header) {
            Err(e) if e.kind() == ErrorKind::UnexpectedEof => return Ok(()), // the parent closed the pipe
            other => other?,
        }
        let len = u32::from_le_bytes([header[1], header[2], header[3], header[4]]) as usize;
        if len > MAX_FRAME {
            return Err(io::Error::new(
                ErrorKind::InvalidData,
                format!("frame of {len} bytes"),
            ));
        }
        payload.resize(len, 0);
        input.read_exact(&mut payload)?;
        let (status, value) = match header[0] {
            OP_NOOP => (CrStatus::Ok, 0),
            OP_ADLER32 => (CrStatus::Ok, adler32(1, &payload)),
            OP_PANIC => panic!("crossings-server asked for a panic"),
            OP_ABORT => std::process::abort(),
            _ => (CrStatus::InvalidArgument, 0),
        };
        output.write_all(&[status as u8])?;
        output.write_all(&value.to_le_bytes())?;
        output.flush()?;
    }
}
// endregion

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(op: u8, payload: &[u8]) -> Vec<u8> {
        let mut f = vec![op];
        f.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        f.extend_from_slice(payload);
        f
    }

    #[test]
    fn answers_each_frame_then_stops_at_end_of_input() {
        let mut input = frame(OP_ADLER32, b"Wikipedia");
        input.extend(frame(OP_NOOP, b""));
        input.extend(frame(9, b""));
        let mut out = Vec::new();
        serve(&input[..], &mut out).unwrap();
        assert_eq!(
            out,
            [
                &[0, 0x98, 0x03, 0xE6, 0x11][..],
                &[0, 0, 0, 0, 0],
                &[5, 0, 0, 0, 0]
            ]
            .concat()
        );
    }

    #[test]
    fn a_truncated_frame_is_an_error() {
        let input = &frame(OP_ADLER32, b"Wikipedia")[..8];
        assert_eq!(
            serve(input, Vec::new()).unwrap_err().kind(),
            ErrorKind::UnexpectedEof
        );
    }
}
