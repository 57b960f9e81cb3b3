//! The C ABI: the only place where a Rust `Result` becomes a status code plus
//! a message, and where a panic is stopped before it reaches Go.

use std::any::Any;
use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::panic::{self, UnwindSafe};

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
        let mut w = Truncating { buf: &mut self.message, len: 0 };
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
        EmVersion { major: v.major, minor: v.minor, patch: v.patch }
    }
}

impl From<EmVersion> for Version {
    fn from(v: EmVersion) -> Self {
        Version { major: v.major, minor: v.minor, patch: v.patch }
    }
}

// region: guard
/// Runs an export's body, catching any panic, and maps the outcome to a status
/// code. On failure the details go to `*err` (skipped when `err` is NULL).
/// Every export goes through here: a panic must never reach an `extern "C"`
/// frame, where Rust 1.81 and later abort the whole process.
fn guard(err: *mut EmError, body: impl FnOnce() -> Result<(), Error> + UnwindSafe) -> EmStatus {
    let outcome = match panic::catch_unwind(body) {
        Ok(result) => result,
        Err(payload) => Err(Error::Panic { message: panic_message(payload.as_ref()) }),
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
        return if len == 0 { Ok(&[]) } else { Err(Error::NullPointer { arg }) };
    }
    // SAFETY: non-null, and the caller promises `len` readable bytes.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Go strings may hold any bytes; Rust's `&str` must be UTF-8. Check, never assume.
fn str_arg(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 { valid_up_to: e.valid_up_to() })
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
    guard(err, || {
        let text = str_arg(unsafe { bytes_arg(text, len, "text")? })?;
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
    guard(err, || {
        let bytes = unsafe { bytes_arg(bytes, len, "bytes")? };
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
    guard(err, || {
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
pub unsafe extern "C" fn em_version_parse_errno_style(text: *const u8, len: usize, out: *mut EmVersion) -> i32 {
    let mut details = EmError { offset: -1, message_len: 0, message: [0; EM_MESSAGE_CAP] };
    match unsafe { em_version_parse(text, len, out, &mut details) } {
        EmStatus::Ok => 0,
        _ => {
            let msg = String::from_utf8_lossy(&details.message[..details.message_len]).into_owned();
            LAST_ERROR.with(|e| *e.borrow_mut() = Some(msg));
            -1
        }
    }
}

/// Copies the calling thread's last error message into `buf` (at most `cap`
/// bytes) and returns its length; 0 when this thread has none.
///
/// # Safety
/// `buf` must be valid for `cap` bytes of writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn em_last_error_message(buf: *mut u8, cap: usize) -> usize {
    LAST_ERROR.with(|e| match &*e.borrow() {
        Some(msg) => {
            let n = msg.len().min(cap);
            // SAFETY: the caller promises `cap` writable bytes at `buf`.
            unsafe { std::ptr::copy_nonoverlapping(msg.as_ptr(), buf, n) };
            n
        }
        None => 0,
    })
}
// endregion

/// The length of a version's packed binary form: three little-endian `u32`s.
pub const EM_ENCODED_LEN: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    fn empty_error() -> EmError {
        EmError { offset: 0, message_len: 0, message: [0; EM_MESSAGE_CAP] }
    }

    fn message(e: &EmError) -> &str {
        std::str::from_utf8(&e.message[..e.message_len]).unwrap()
    }

    #[test]
    fn ok_fills_out() {
        let (mut out, mut err) = (EmVersion::default(), empty_error());
        let text = b"1.2.3";
        let status = unsafe { em_version_parse(text.as_ptr(), text.len(), &mut out, &mut err) };
        assert_eq!(status, EmStatus::Ok);
        assert_eq!(out, EmVersion { major: 1, minor: 2, patch: 3 });
    }

    #[test]
    fn errors_become_status_offset_and_message() {
        let (mut out, mut err) = (EmVersion::default(), empty_error());
        let text = b"1.x.3";
        let status = unsafe { em_version_parse(text.as_ptr(), text.len(), &mut out, &mut err) };
        assert_eq!(status, EmStatus::Syntax);
        assert_eq!(err.offset, 2);
        assert_eq!(message(&err), "expected a digit at byte 2");
    }

    #[test]
    fn invalid_utf8_is_rejected_with_its_offset() {
        let (mut out, mut err) = (EmVersion::default(), empty_error());
        let text = b"1.2.\xff";
        let status = unsafe { em_version_parse(text.as_ptr(), text.len(), &mut out, &mut err) };
        assert_eq!(status, EmStatus::InvalidUtf8);
        assert_eq!(err.offset, 4);
    }

    #[test]
    fn null_pointers_are_errors_not_crashes() {
        let (mut out, mut err) = (EmVersion::default(), empty_error());
        let status = unsafe { em_version_parse(ptr::null(), 5, &mut out, &mut err) };
        assert_eq!(status, EmStatus::NullPointer);
        assert_eq!(message(&err), "null pointer for text");
        let status = unsafe { em_version_parse(b"1.2.3".as_ptr(), 5, ptr::null_mut(), &mut err) };
        assert_eq!(status, EmStatus::NullPointer);
        // NULL with length 0 is Go's nil slice: an empty input, not a NULL error.
        let status = unsafe { em_version_decode(ptr::null(), 0, &mut out, &mut err) };
        assert_eq!(status, EmStatus::WrongLength);
        // And a NULL err is allowed: the status alone still says what happened.
        let status = unsafe { em_version_parse(ptr::null(), 5, &mut out, ptr::null_mut()) };
        assert_eq!(status, EmStatus::NullPointer);
    }

    #[test]
    fn panics_become_a_status_and_leave_the_input_alone() {
        let mut v = EmVersion { major: u32::MAX, minor: 4, patch: 2 };
        let mut err = empty_error();
        let status = unsafe { em_version_bump_major(&mut v, &mut err) };
        assert_eq!(status, EmStatus::Panic);
        assert_eq!(message(&err), "rust panicked: major version overflow");
        assert_eq!(v, EmVersion { major: u32::MAX, minor: 4, patch: 2 });
    }

    #[test]
    fn long_messages_are_cut_on_a_char_boundary() {
        let mut err = empty_error();
        err.fill(&Error::Panic { message: "é".repeat(EM_MESSAGE_CAP) });
        assert!(err.message_len <= EM_MESSAGE_CAP);
        assert!(message(&err).ends_with('é'));
    }
}
