//! The C ABI: the only place where a Rust `Result` becomes a status code plus
//! a message, and where a panic is stopped before it reaches Go.

use std::any::Any;
use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::panic::{self, UnwindSafe};
use std::ptr;

pub use crate::testhook::em_test_panic_in;
use crate::testhook::panic_if_armed;
use crate::{Error, Version};

// region: status
/// One status code per `Error` variant, plus `Ok`. `#[repr(i32)]` fixes the
/// size and the values: the numbers are ABI, so a variant is never renumbered
/// or reused, only added.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmStatus {
    Ok = 0,
    NullPointer = 1,
    WrongLength = 2,
    InvalidUtf8 = 3,
    Syntax = 4,
    Overflow = 5,
    Panic = 6,
}

fn status_of(e: &Error) -> EmStatus {
    match e {
        Error::NullPointer { .. } => EmStatus::NullPointer,
        Error::WrongLength { .. } => EmStatus::WrongLength,
        Error::InvalidUtf8 { .. } => EmStatus::InvalidUtf8,
        Error::Syntax { .. } => EmStatus::Syntax,
        Error::Overflow { .. } => EmStatus::Overflow,
        Error::Panic { .. } => EmStatus::Panic,
    }
}
// endregion

// region: error-struct
/// Room for the message. Longer messages are cut at a character boundary.
pub const EM_MESSAGE_CAP: usize = 200;

/// The details of a failed call, written by Rust into memory the caller owns.
/// No allocation crosses the boundary, so there is nothing to free.
#[repr(C)]
pub struct EmError {
    /// Byte offset into the input the error points at, or -1.
    pub offset: i64,
    /// How many bytes of `message` are used: UTF-8, not NUL-terminated.
    pub message_len: usize,
    pub message: [u8; EM_MESSAGE_CAP],
}
// endregion

impl EmError {
    fn fill(&mut self, e: &Error) {
        self.offset = e.offset().map_or(-1, |o| o as i64);
        let mut w = Truncating {
            buf: &mut self.message,
            len: 0,
        };
        // Display never fails here: Truncating::write_str always returns Ok.
        let _ = write!(w, "{e}");
        self.message_len = w.len;
    }
}

/// A `fmt::Write` into a fixed buffer that drops what does not fit, never
/// splitting a UTF-8 sequence, so Go always receives valid UTF-8.
struct Truncating<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl fmt::Write for Truncating<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let room = self.buf.len() - self.len;
        let mut n = s.len().min(room);
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        self.buf[self.len..self.len + n].copy_from_slice(&s.as_bytes()[..n]);
        self.len += n;
        Ok(())
    }
}

/// A version as C sees it.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EmVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl From<Version> for EmVersion {
    fn from(v: Version) -> Self {
        EmVersion {
            major: v.major,
            minor: v.minor,
            patch: v.patch,
        }
    }
}

impl From<EmVersion> for Version {
    fn from(v: EmVersion) -> Self {
        Version {
            major: v.major,
            minor: v.minor,
            patch: v.patch,
        }
    }
}

// region: guard
/// Runs an export's body, catching any panic, and maps the outcome to a status
/// code. On failure the details go to `*err` (skipped when `err` is NULL).
/// Every export goes through here: a panic must never reach an `extern "C"`
/// frame, where Rust 1.81 and later abort the whole process. `export` names
/// the export for the testing hook, which can force a panic here.
fn guard(
    export: &str,
    err: *mut EmError,
    body: impl FnOnce() -> Result<(), Error> + UnwindSafe,
) -> EmStatus {
    let outcome = match panic::catch_unwind(|| {
        panic_if_armed(export);
        body()
    }) {
        Ok(result) => result,
        Err(payload) => Err(Error::Panic {
            message: panic_message(payload.as_ref()),
        }),
    };
    match outcome {
        Ok(()) => EmStatus::Ok,
        Err(e) => {
            // SAFETY: the caller passes NULL or a valid, writable EmError.
            if let Some(err) = unsafe { err.as_mut() } {
                err.fill(&e);
            }
            status_of(&e)
        }
    }
}

/// `panic!("literal")` carries a `&str`, `panic!("{x}")` a `String`.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_owned()
    }
}
// endregion

// region: validate
/// The bytes at `ptr`, checked as far as Rust can check them. Go passes NULL
/// for a nil slice; `slice::from_raw_parts` requires a non-null pointer even
/// for length 0, so NULL becomes the empty slice, or an error if `len > 0`.
///
/// # Safety
/// If `ptr` is not NULL it must point to `len` readable bytes that stay valid
/// and unmodified until the export returns.
unsafe fn bytes_arg<'a>(ptr: *const u8, len: usize, arg: &'static str) -> Result<&'a [u8], Error> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(Error::NullPointer { arg })
        };
    }
    // SAFETY: non-null, and the caller promises `len` readable bytes.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Go strings may hold any bytes; Rust's `&str` must be UTF-8. Check, never assume.
fn str_arg(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        valid_up_to: e.valid_up_to(),
    })
}

/// A required output pointer.
///
/// # Safety
/// If `ptr` is not NULL it must be valid for writes and properly aligned.
unsafe fn out_arg<'a, T>(ptr: *mut T, arg: &'static str) -> Result<&'a mut T, Error> {
    // SAFETY: the caller promises a valid pointer or NULL.
    unsafe { ptr.as_mut() }.ok_or(Error::NullPointer { arg })
}
// endregion

// region: exports
/// Parses `len` bytes of UTF-8 text at `text` into `*out`.
///
/// # Safety
/// `text` is NULL (only with `len == 0`) or points to `len` readable bytes;
/// `out` is NULL or valid for writes; `err` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn em_version_parse(
    text: *const u8,
    len: usize,
    out: *mut EmVersion,
    err: *mut EmError,
) -> EmStatus {
    guard("em_version_parse", err, || {
        // SAFETY: `text` is NULL or `len` readable bytes (the caller's promise).
        let text = str_arg(unsafe { bytes_arg(text, len, "text")? })?;
        // SAFETY: `out` is NULL or valid for writes.
        let out = unsafe { out_arg(out, "out")? };
        *out = crate::parse(text)?.into();
        Ok(())
    })
}

/// Decodes the 12-byte packed form at `bytes` into `*out`.
///
/// # Safety
/// As for [`em_version_parse`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn em_version_decode(
    bytes: *const u8,
    len: usize,
    out: *mut EmVersion,
    err: *mut EmError,
) -> EmStatus {
    guard("em_version_decode", err, || {
        // SAFETY: `bytes` is NULL or `len` readable bytes (the caller's promise).
        let bytes = unsafe { bytes_arg(bytes, len, "bytes")? };
        // SAFETY: `out` is NULL or valid for writes.
        let out = unsafe { out_arg(out, "out")? };
        *out = crate::decode(bytes)?.into();
        Ok(())
    })
}

/// Replaces `*v` with the next major version. Panics inside (at `u32::MAX`)
/// come back as `EmStatus::Panic`, and `*v` is left as it was.
///
/// # Safety
/// `v` is NULL or valid for reads and writes; `err` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn em_version_bump_major(v: *mut EmVersion, err: *mut EmError) -> EmStatus {
    guard("em_version_bump_major", err, || {
        // SAFETY: `v` is NULL or valid for reads and writes.
        let v = unsafe { out_arg(v, "v")? };
        *v = Version::from(*v).bump_major().into();
        Ok(())
    })
}
// endregion

// region: unguarded
/// The same export without `guard`: what many first bindings look like. A
/// panic inside cannot unwind out of an `extern "C"` function, so since Rust
/// 1.81 it aborts the process: Go gets no error, no recover, no deferred calls.
/// It exists only so a test can show that.
///
/// # Safety
/// `v` must be valid for reads and writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn em_version_bump_major_unguarded(v: *mut EmVersion) {
    panic_if_armed("em_version_bump_major_unguarded"); // what the twin does, minus the guard
    // SAFETY: the caller promises a valid `v`: this twin does not even check NULL.
    let v = unsafe { &mut *v };
    *v = Version::from(*v).bump_major().into();
}
// endregion

// region: last-error-mistake
thread_local! {
    /// errno-style: the message of the last failure *on this OS thread*.
    static LAST_ERROR: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The C-library habit of returning -1 and keeping the message in a
/// thread-local for a second call to fetch. A Go goroutine can move to another
/// OS thread between those two calls, so Go may read another thread's error,
/// or none. Kept only so a test can show that.
///
/// # Safety
/// As for [`em_version_parse`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn em_version_parse_errno_style(
    text: *const u8,
    len: usize,
    out: *mut EmVersion,
) -> i32 {
    let mut details = EmError {
        offset: -1,
        message_len: 0,
        message: [0; EM_MESSAGE_CAP],
    };
    let status = guard("em_version_parse_errno_style", &mut details, || {
        // SAFETY: the caller's promises are em_version_parse's.
        let text = str_arg(unsafe { bytes_arg(text, len, "text")? })?;
        // SAFETY: as above.
        let out = unsafe { out_arg(out, "out")? };
        *out = crate::parse(text)?.into();
        Ok(())
    });
    if status == EmStatus::Ok {
        return 0;
    }
    let msg = String::from_utf8_lossy(&details.message[..details.message_len]).into_owned();
    // try_with: fails only while the thread is exiting, and then no one can read it.
    let _ = LAST_ERROR.try_with(|e| e.replace(Some(msg)));
    -1
}

/// Copies the calling thread's last error message into `buf` (at most `cap`
/// bytes) and returns its length; 0 when this thread has none, -1 on a panic.
///
/// # Safety
/// `buf` must be valid for `cap` bytes of writes (NULL only with `cap` 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn em_last_error_message(buf: *mut u8, cap: usize) -> isize {
    let copy = || {
        panic_if_armed("em_last_error_message");
        LAST_ERROR.with_borrow(|e| match e {
            Some(msg) if cap > 0 => {
                let n = msg.len().min(cap);
                // SAFETY: the caller promises `cap` ≥ n writable bytes at `buf`,
                // which cannot overlap the String Rust owns.
                unsafe { ptr::copy_nonoverlapping(msg.as_ptr(), buf, n) };
                n as isize // n ≤ a String's length, which fits in isize
            }
            _ => 0,
        })
    };
    panic::catch_unwind(copy).unwrap_or(-1)
}
// endregion

/// The length of a version's packed binary form: three little-endian `u32`s.
pub const EM_ENCODED_LEN: usize = 12;

#[cfg(test)]
mod tests {
    //! Each export called as C would call it, including with what a C caller can
    //! pass and the Go wrappers never do (NULL, zero and oversized lengths).
    //! Run under Miri too: `cargo +nightly-2026-05-20 miri test -p error-mapping`.
    use super::*;

    fn empty_error() -> EmError {
        EmError {
            offset: 0,
            message_len: 0,
            message: [0; EM_MESSAGE_CAP],
        }
    }

    fn message(e: &EmError) -> &str {
        std::str::from_utf8(&e.message[..e.message_len]).unwrap()
    }

    /// em_version_parse on a live byte string: the pointer and length agree.
    fn parse(text: &[u8]) -> (EmStatus, EmVersion, EmError) {
        let (mut out, mut err) = (EmVersion::default(), empty_error());
        // SAFETY: `text` is live for `text.len()` bytes; out and err are locals.
        let status = unsafe { em_version_parse(text.as_ptr(), text.len(), &mut out, &mut err) };
        (status, out, err)
    }

    #[test]
    fn ok_fills_out() {
        let (status, out, _) = parse(b"1.2.3");
        assert_eq!(status, EmStatus::Ok);
        assert_eq!(
            out,
            EmVersion {
                major: 1,
                minor: 2,
                patch: 3
            }
        );
    }

    #[test]
    fn errors_become_status_offset_and_message() {
        let (status, _, err) = parse(b"1.x.3");
        assert_eq!(status, EmStatus::Syntax);
        assert_eq!(err.offset, 2);
        assert_eq!(message(&err), "expected a digit at byte 2");
    }

    #[test]
    fn invalid_utf8_is_rejected_with_its_offset() {
        let (status, _, err) = parse(b"1.2.\xff");
        assert_eq!(status, EmStatus::InvalidUtf8);
        assert_eq!(err.offset, 4);
    }

    #[test]
    fn oversized_input_is_an_error_with_a_cut_message() {
        let long = vec![b'9'; 4096];
        let (status, _, err) = parse(&long);
        assert_eq!(status, EmStatus::Overflow);
        let mut wrong = [0u8; EM_ENCODED_LEN + 1];
        let (mut out, mut e) = (EmVersion::default(), empty_error());
        // SAFETY: `wrong` is live for its length; out and e are locals.
        let status =
            unsafe { em_version_decode(wrong.as_mut_ptr(), wrong.len(), &mut out, &mut e) };
        assert_eq!(
            (status, message(&e)),
            (EmStatus::WrongLength, "wrong length: want 12 bytes, got 13")
        );
        assert!(err.message_len <= EM_MESSAGE_CAP);
    }

    #[test]
    fn null_pointers_are_errors_not_crashes() {
        let (mut out, mut err) = (EmVersion::default(), empty_error());
        let null = ptr::null::<u8>();
        // SAFETY: every pointer is NULL or a live local; NULL with a length is
        // refused before any slice is made.
        unsafe {
            assert_eq!(
                em_version_parse(null, 5, &mut out, &mut err),
                EmStatus::NullPointer
            );
            assert_eq!(message(&err), "null pointer for text");
            let status = em_version_parse(b"1.2.3".as_ptr(), 5, ptr::null_mut(), &mut err);
            assert_eq!(status, EmStatus::NullPointer);
            // NULL with length 0 is Go's nil slice: an empty input, not a NULL error.
            assert_eq!(
                em_version_parse(null, 0, &mut out, &mut err),
                EmStatus::Syntax
            );
            assert_eq!(
                em_version_decode(null, 0, &mut out, &mut err),
                EmStatus::WrongLength
            );
            assert_eq!(
                em_version_decode(null, 12, &mut out, &mut err),
                EmStatus::NullPointer
            );
            assert_eq!(
                em_version_bump_major(ptr::null_mut(), &mut err),
                EmStatus::NullPointer
            );
            // And a NULL err is allowed: the status alone still says what happened.
            assert_eq!(
                em_version_parse(null, 5, &mut out, ptr::null_mut()),
                EmStatus::NullPointer
            );
            assert_eq!(em_version_parse_errno_style(null, 5, &mut out), -1);
            assert_eq!(
                em_version_parse_errno_style(b"1.2.3".as_ptr(), 5, ptr::null_mut()),
                -1
            );
            assert_eq!(em_last_error_message(ptr::null_mut(), 0), 0);
            em_test_panic_in(ptr::null());
        }
    }

    #[test]
    fn panics_become_a_status_and_leave_the_input_alone() {
        let mut v = EmVersion {
            major: u32::MAX,
            minor: 4,
            patch: 2,
        };
        let mut err = empty_error();
        // SAFETY: both are live locals.
        let status = unsafe { em_version_bump_major(&mut v, &mut err) };
        assert_eq!(status, EmStatus::Panic);
        assert_eq!(message(&err), "rust panicked: major version overflow");
        assert_eq!(
            v,
            EmVersion {
                major: u32::MAX,
                minor: 4,
                patch: 2
            }
        );
    }

    #[test]
    fn last_error_is_per_thread_and_cut_to_the_buffer() {
        let mut out = EmVersion::default();
        let mut buf = [0u8; 8];
        let text = b"1.x.3";
        // SAFETY: `text` and `buf` are live for the lengths passed.
        unsafe {
            assert_eq!(
                em_version_parse_errno_style(text.as_ptr(), text.len(), &mut out),
                -1
            );
            assert_eq!(em_last_error_message(buf.as_mut_ptr(), 3), 3);
            assert_eq!(&buf[..4], b"exp\0");
            assert_eq!(em_last_error_message(buf.as_mut_ptr(), 0), 0);
        }
        let other = std::thread::spawn(|| {
            let mut buf = [0u8; 64];
            // SAFETY: `buf` is live for its length.
            unsafe { em_last_error_message(buf.as_mut_ptr(), buf.len()) }
        });
        assert_eq!(other.join().unwrap(), 0, "a new thread has no last error");
    }

    #[test]
    fn long_messages_are_cut_on_a_char_boundary() {
        let mut err = empty_error();
        err.fill(&Error::Panic {
            message: "é".repeat(EM_MESSAGE_CAP),
        });
        assert!(err.message_len <= EM_MESSAGE_CAP);
        assert!(message(&err).ends_with('é'));
    }
}
