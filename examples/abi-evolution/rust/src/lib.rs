//! A C ABI that evolves without breaking the callers built against its older headers.

use std::panic;

// region: version
/// The ABI's major version: a change an old caller cannot survive (a removed
/// export, a changed signature, a renumbered status) bumps it.
pub const AE_ABI_MAJOR: u32 = 1;
/// The ABI's minor version: an addition an old caller never sees (a new export,
/// a field appended to a sized struct, a new status code) bumps it.
pub const AE_ABI_MINOR: u32 = 0;

/// Returns the library's ABI version as `major << 16 | minor`, or 0 if Rust
/// panicked (0 is never a version: majors start at 1).
#[unsafe(no_mangle)]
pub extern "C" fn ae_abi_version() -> u32 {
    panic::catch_unwind(|| (AE_ABI_MAJOR << 16) | AE_ABI_MINOR).unwrap_or(0)
}
// endregion

// region: status
/// What every export returns. The numbers are ABI: a code is never renumbered
/// or reused, only appended, so an old caller still reads every code it knows.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AeStatus {
    Ok = 0,
    NullPointer = 1,
    Panic = 2,
}
// endregion

/// FNV-1a over `data`, starting from `seed` mixed into the offset basis.
fn fnv1a(data: &[u8], seed: u64) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325 ^ seed, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Views `len` bytes at `data` as a slice; NULL is allowed only with `len == 0`.
///
/// # Safety
/// A non-NULL `data` points to `len` readable bytes that nothing writes during the call.
unsafe fn input<'a>(data: *const u8, len: usize) -> Option<&'a [u8]> {
    if data.is_null() {
        return (len == 0).then_some(&[]);
    }
    // SAFETY: not NULL, and the caller promises `len` readable bytes.
    Some(unsafe { std::slice::from_raw_parts(data, len) })
}

/// Checksums `len` bytes at `data` with `seed` and writes the sum to `out`.
///
/// # Safety
/// `data` is NULL with `len == 0`, or points to `len` readable bytes; `out` is
/// NULL or points to a writable `uint64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ae_checksum(data: *const u8, len: usize, seed: u64, out: *mut u64) -> AeStatus {
    // SAFETY: the caller's promise about `data` and `len`, passed on.
    let Some(bytes) = (unsafe { input(data, len) }) else {
        return AeStatus::NullPointer;
    };
    if out.is_null() {
        return AeStatus::NullPointer;
    }
    match panic::catch_unwind(|| fnv1a(bytes, seed)) {
        Ok(sum) => {
            // SAFETY: not NULL, and the caller promises a writable `uint64_t`.
            unsafe { out.write(sum) };
            AeStatus::Ok
        }
        Err(_) => AeStatus::Panic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_like_fnv1a() {
        let mut sum = 0;
        // SAFETY: a valid slice and a valid out pointer.
        assert_eq!(unsafe { ae_checksum(b"abc".as_ptr(), 3, 0, &mut sum) }, AeStatus::Ok);
        assert_eq!(sum, 0xe71f_a219_0541_574b);
    }

    #[test]
    fn rejects_null() {
        let mut sum = 0;
        // SAFETY: NULL pointers are part of the contract.
        unsafe {
            assert_eq!(ae_checksum(std::ptr::null(), 1, 0, &mut sum), AeStatus::NullPointer);
            assert_eq!(ae_checksum(std::ptr::null(), 0, 0, &mut sum), AeStatus::Ok);
            assert_eq!(ae_checksum(b"a".as_ptr(), 1, 0, std::ptr::null_mut()), AeStatus::NullPointer);
        }
    }

    #[test]
    fn reports_its_version() {
        assert_eq!(ae_abi_version(), (AE_ABI_MAJOR << 16) | AE_ABI_MINOR);
    }
}
