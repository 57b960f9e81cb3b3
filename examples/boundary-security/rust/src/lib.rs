//! The FFI layer over the safe parser in `boundary-security-core`: the only crate with
//! `unsafe`, kept to turning C's pointers and lengths into slices once they have been
//! checked. Every pointer and length here comes from the caller, who may be wrong: Rust
//! checks them again whatever Go checked.

use boundary_security_core::{self as core, ParseError};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// What a call did. `Ok` is 0; the rest say which check refused the input.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HbStatus {
    Ok = 0,
    /// A null pointer with a non-zero length.
    NullPointer,
    /// The document is longer than `HB_MAX_DOC`.
    TooLarge,
    BadMagic,
    Truncated,
    CountTooLarge,
    /// A key (in the document or the one looked up) is not 1..=`HB_MAX_KEY` bytes long.
    BadKeyLength,
    BadUtf8,
    NulByte,
    TrailingBytes,
    NotFound,
    /// `out` is too small: `*out_len` holds the length needed, and nothing was written.
    BufferTooSmall,
    /// `out` overlaps the document or the key.
    Overlap,
    /// Rust panicked: a bug in this crate, reported instead of unwinding into C.
    Panicked,
}

/// The largest document accepted, in bytes.
pub const HB_MAX_DOC: usize = 1 << 20;
/// The longest key, in bytes.
pub const HB_MAX_KEY: usize = 64;
// Literals for cbindgen, which cannot read another crate's constants; the build fails
// if they drift.
const _: () = assert!(HB_MAX_DOC == core::MAX_DOC && HB_MAX_KEY == core::MAX_KEY);

impl From<ParseError> for HbStatus {
    fn from(e: ParseError) -> Self {
        match e {
            ParseError::TooLarge => Self::TooLarge,
            ParseError::BadMagic => Self::BadMagic,
            ParseError::Truncated => Self::Truncated,
            ParseError::CountTooLarge => Self::CountTooLarge,
            ParseError::BadKeyLength => Self::BadKeyLength,
            ParseError::BadUtf8 => Self::BadUtf8,
            ParseError::NulByte => Self::NulByte,
            ParseError::TrailingBytes => Self::TrailingBytes,
        }
    }
}

// region: bytes
/// The caller's `len` bytes at `ptr`, once `len` is known to be at most `max`.
///
/// # Safety
///
/// When `ptr` is not null it must point to `len` bytes, readable and not written for
/// `'a`.
unsafe fn bytes<'a>(ptr: *const u8, len: usize, max: usize) -> Result<&'a [u8], HbStatus> {
    // The length is checked before a slice exists: from_raw_parts with more than
    // isize::MAX bytes is undefined behaviour, whatever the code after it would have
    // refused.
    if len > max {
        return Err(HbStatus::TooLarge);
    }
    if ptr.is_null() {
        // A nil or empty Go slice may arrive as a null pointer.
        return if len == 0 {
            Ok(&[])
        } else {
            Err(HbStatus::NullPointer)
        };
    }
    // SAFETY: ptr is not null, and the caller promises `len` readable bytes there for
    // 'a; len <= max, which is far below isize::MAX.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}
// endregion

/// Runs `f`, turning a panic into `HbStatus::Panicked`: unwinding out of an `extern
/// "C"` function aborts the process.
fn guarded(f: impl FnOnce() -> Result<(), HbStatus>) -> HbStatus {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => HbStatus::Ok,
        Ok(Err(status)) => status,
        Err(_) => HbStatus::Panicked,
    }
}

/// Checks a document and writes its number of entries to `*count`.
///
/// # Safety
///
/// `doc` points to `doc_len` readable bytes (or is null when `doc_len` is 0), not
/// written during the call; `count` points to a writable `uint32_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hb_validate(doc: *const u8, doc_len: usize, count: *mut u32) -> HbStatus {
    guarded(|| {
        if count.is_null() {
            return Err(HbStatus::NullPointer);
        }
        // SAFETY: the caller's contract above; bytes() checks the length first.
        let doc = unsafe { bytes(doc, doc_len, HB_MAX_DOC) }?;
        let parsed = core::parse(doc)?;
        let n = u32::try_from(parsed.entries().len()).expect("a parsed count came from a u32");
        // SAFETY: count is not null and the caller promises it is writable.
        unsafe { count.write(n) };
        Ok(())
    })
}

// region: overlap
/// Whether `[a, a + a_len)` and `[b, b + b_len)` share a byte, by address: decided
/// before any reference to either exists, because a `&mut [u8]` and a `&[u8]` over the
/// same byte are undefined behaviour as soon as both exist. An end past the address
/// space is refused as overlapping rather than wrapped.
fn overlaps(a: *const u8, a_len: usize, b: *const u8, b_len: usize) -> bool {
    let (a, b) = (a.addr(), b.addr());
    match (a.checked_add(a_len), b.checked_add(b_len)) {
        (Some(a_end), Some(b_end)) => a_len != 0 && b_len != 0 && a < b_end && b < a_end,
        _ => true,
    }
}
// endregion

/// Finds `key` in a document and copies its value into `out`, writing the value's
/// length to `*out_len`. When `out_cap` is too small it writes only `*out_len` and
/// returns `BufferTooSmall`.
///
/// # Safety
///
/// `doc` points to `doc_len` readable bytes and `key` to `key_len` (either may be null
/// when its length is 0), neither written during the call; `out` points to `out_cap`
/// writable bytes (or is null when `out_cap` is 0); `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hb_lookup(
    doc: *const u8,
    doc_len: usize,
    key: *const u8,
    key_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> HbStatus {
    guarded(|| {
        if out_len.is_null() || (out.is_null() && out_cap != 0) {
            return Err(HbStatus::NullPointer);
        }
        if overlaps(out, out_cap, doc, doc_len) || overlaps(out, out_cap, key, key_len) {
            return Err(HbStatus::Overlap);
        }
        // SAFETY: the caller's contract above; bytes() checks each length first.
        let doc = unsafe { bytes(doc, doc_len, HB_MAX_DOC) }?;
        // SAFETY: as above.
        let key = unsafe { bytes(key, key_len, HB_MAX_KEY) }.map_err(|_| HbStatus::BadKeyLength)?;
        if key.is_empty() {
            return Err(HbStatus::BadKeyLength);
        }
        // Rust checks the key again, whatever the Go wrapper did: C callers have no
        // wrapper.
        let key = std::str::from_utf8(key).map_err(|_| HbStatus::BadUtf8)?;
        if key.contains('\0') {
            return Err(HbStatus::NulByte);
        }
        let value = core::parse(doc)?
            .get(key)
            .ok_or(HbStatus::NotFound)?
            .as_bytes();
        // SAFETY: out_len is not null and the caller promises it is writable.
        unsafe { out_len.write(value.len()) };
        // region: capacity
        if value.len() > out_cap {
            return Err(HbStatus::BufferTooSmall);
        }
        // SAFETY: out is valid for value.len() <= out_cap writes, or value.len() is 0
        // and nothing is written (a null out is then allowed: u8 is always aligned);
        // the overlap check above keeps out apart from doc, which value borrows.
        unsafe { std::ptr::copy_nonoverlapping(value.as_ptr(), out, value.len()) };
        // endregion
        Ok(())
    })
}

#[cfg(test)]
mod tests;
