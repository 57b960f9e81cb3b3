//! Adler-32 (RFC 1950) over a byte buffer, exported to Go through the C ABI.
//!
//! The Go package implements the same algorithm line for line, so a benchmark
//! compares compilers and the boundary, not two different algorithms.

use std::ffi::{CStr, c_char};
use std::panic::{self, UnwindSafe};

mod test_hook;

const MOD: u32 = 65521;
/// zlib's NMAX: the longest chunk whose weighted byte sum fits in u32 (255·n(n+1)/2).
const NMAX: usize = 5552;

// region: dispatch
/// Adler-32 of `data`, starting from the running value `adler` (1 for a fresh sum).
///
/// The same source is compiled twice: once for the x86-64 baseline and once
/// with AVX2 enabled, chosen at run time. Go's compiler has no equivalent
/// short of hand-written assembly.
pub fn adler32(adler: u32, data: &[u8]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU was just checked to support AVX2.
        return unsafe { adler32_avx2(adler, data) };
    }
    adler32_chunks(adler, data)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn adler32_avx2(adler: u32, data: &[u8]) -> u32 {
    adler32_chunks(adler, data)
}
// endregion

// region: kernel
/// Per chunk, s1 grows by the sum of the bytes and s2 by each byte weighted by
/// how many bytes (itself included) remain in the chunk, plus len·s1. Both are
/// plain reductions with no step waiting on the one before, which LLVM turns
/// into SIMD code.
#[inline(always)]
fn adler32_chunks(adler: u32, data: &[u8]) -> u32 {
    let (mut s1, mut s2) = ((adler & 0xffff) as u64, (adler >> 16) as u64);
    for chunk in data.chunks(NMAX) {
        let len = chunk.len() as u32;
        let sum: u32 = chunk.iter().map(|&x| x as u32).sum();
        let weighted: u32 = (0..len)
            .zip(chunk)
            .map(|(j, &x)| (len - j) * x as u32)
            .sum();
        s2 = (s2 + len as u64 * s1 + weighted as u64) % MOD as u64;
        s1 = (s1 + sum as u64) % MOD as u64;
    }
    ((s2 << 16) | s1) as u32
}
// endregion

// region: status
/// Whether an export did its work. `#[repr(i32)]` fixes the values: they are ABI.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsStatus {
    Ok = 0,
    /// `data` was NULL with a length above 0.
    NullPointer = 1,
    /// A length beyond `isize::MAX`: no such buffer can exist.
    TooLong = 2,
    /// Rust panicked; the panic was caught at the boundary.
    Panic = 3,
}

/// A checksum and whether it means anything: `value` is valid only when
/// `status` is `CS_STATUS_OK`. Returned by value, so nothing needs an out pointer.
#[repr(C)]
pub struct CsSum {
    pub value: u32,
    pub status: CsStatus,
}

/// Runs an export's body with panics caught: a panic reaching the edge of an
/// `extern "C"` function would abort the whole Go process.
fn guard<T>(
    export: &str,
    body: impl FnOnce() -> Result<T, CsStatus> + UnwindSafe,
) -> Result<T, CsStatus> {
    panic::catch_unwind(|| {
        test_hook::panic_if_armed(export);
        body()
    })
    .unwrap_or(Err(CsStatus::Panic))
}
// endregion

// region: export
/// Adler-32 of `len` bytes at `data`.
///
/// # Safety
/// `data` must point to `len` readable bytes that stay valid and unmodified for
/// the duration of the call. `data` may be null only when `len` is 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cs_adler32(data: *const u8, len: usize) -> CsSum {
    match guard("cs_adler32", || {
        if len > isize::MAX as usize {
            return Err(CsStatus::TooLong); // slice::from_raw_parts's limit
        }
        if data.is_null() {
            return if len == 0 {
                Ok(adler32(1, &[]))
            } else {
                Err(CsStatus::NullPointer)
            };
        }
        // SAFETY: not NULL, at most isize::MAX bytes, and the caller promises
        // `len` readable bytes at `data` that nothing writes during the call.
        let bytes = unsafe { std::slice::from_raw_parts(data, len) };
        Ok(adler32(1, bytes))
    }) {
        Ok(value) => CsSum {
            value,
            status: CsStatus::Ok,
        },
        Err(status) => CsSum { value: 0, status },
    }
}
// endregion

// region: noop
/// Does no work, beyond the guard every export has: benchmarks use it to
/// measure the cost of the crossing alone.
#[unsafe(no_mangle)]
pub extern "C" fn cs_noop() -> CsStatus {
    match guard("cs_noop", || Ok(())) {
        Ok(()) => CsStatus::Ok,
        Err(status) => status,
    }
}
// endregion

/// Testing hook, not part of the API: arms a one-shot panic inside the next
/// call of the export named `export_name`, so tests can prove that every
/// export returns a caught panic to Go as an error. NULL disarms. Returns true
/// when armed.
///
/// # Safety
/// `export_name` must be NULL or point to a NUL-terminated string that stays
/// valid for this call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cs_test_panic_in(export_name: *const c_char) -> bool {
    let name = if export_name.is_null() {
        None
    } else {
        // SAFETY: not NULL, so the caller promises a C string valid for this call.
        Some(unsafe { CStr::from_ptr(export_name) })
    };
    panic::catch_unwind(|| test_hook::arm(name)).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook definition: one byte at a time, modulo after every step.
    fn adler32_reference(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for &x in data {
            a = (a + x as u32) % MOD;
            b = (b + a) % MOD;
        }
        (b << 16) | a
    }

    #[test]
    fn known_vectors() {
        assert_eq!(adler32(1, b""), 1);
        assert_eq!(adler32(1, b"a"), 0x0062_0062);
        assert_eq!(adler32(1, b"Wikipedia"), 0x11E6_0398);
    }

    // The two tests below run only safe code over 16 to 22 KB, which Miri
    // interprets for half a minute; their point is the arithmetic at NMAX
    // edges, which `cargo test` checks. Under Miri, known_vectors and
    // export_takes_null_empty_and_oversized_input reach the same code (the
    // export's slice, the dispatch and the chunk kernel) with small input.
    #[test]
    #[cfg_attr(
        miri,
        ignore = "large input, safe code only: the small-input tests cover the same path under Miri"
    )]
    fn matches_reference_across_block_and_nmax_edges() {
        let data: Vec<u8> = (0..3 * NMAX + 37).map(|i| (i * 7 + 255) as u8).collect();
        for len in [0, 1, 15, 16, 17, 255, NMAX - 1, NMAX, NMAX + 1, data.len()] {
            assert_eq!(
                adler32(1, &data[..len]),
                adler32_reference(&data[..len]),
                "len {len}"
            );
        }
    }

    #[test]
    #[cfg_attr(
        miri,
        ignore = "large input, safe code only: the small-input tests cover the same path under Miri"
    )]
    fn all_ff_bytes_do_not_overflow() {
        let data = vec![0xffu8; 4 * NMAX + 3];
        assert_eq!(adler32(1, &data), adler32_reference(&data));
    }

    fn export(data: *const u8, len: usize) -> (u32, CsStatus) {
        // SAFETY: each caller passes NULL or a pointer to `len` readable bytes,
        // except the oversized length, which is refused before anything is read.
        let sum = unsafe { cs_adler32(data, len) };
        (sum.value, sum.status)
    }

    // Each export called as C would; Miri runs these (`cargo miri test`). Tests
    // that arm the panic hook are in tests/panics.rs, another process.
    #[test]
    fn export_takes_null_empty_and_oversized_input() {
        let data = b"Wikipedia";
        assert_eq!(
            export(data.as_ptr(), data.len()),
            (0x11E6_0398, CsStatus::Ok)
        );
        assert_eq!(
            export(std::ptr::null(), 0),
            (1, CsStatus::Ok),
            "Go's nil slice"
        );
        assert_eq!(export(data.as_ptr(), 0), (1, CsStatus::Ok));
        assert_eq!(export(std::ptr::null(), 3), (0, CsStatus::NullPointer));
        assert_eq!(export(data.as_ptr(), usize::MAX), (0, CsStatus::TooLong));
        assert_eq!(
            export(data.as_ptr(), isize::MAX as usize + 1),
            (0, CsStatus::TooLong)
        );
        assert_eq!(cs_noop(), CsStatus::Ok);
    }
}
