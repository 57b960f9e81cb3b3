//! A C ABI that evolves without breaking the callers built against its older headers.

use std::mem::{offset_of, size_of};
use std::{panic, ptr};

// region: version
/// The ABI's major version: a change an old caller cannot survive (a removed
/// export, a changed signature, a renumbered status) bumps it.
pub const AE_ABI_MAJOR: u32 = 1;
/// The ABI's minor version: an addition an old caller never sees (a new export,
/// a field appended to a sized struct, a new status code) bumps it.
pub const AE_ABI_MINOR: u32 = 2;

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
    /// `AeOptions::size` is not the size of any version of the struct. Since 1.1.
    BadSize = 3,
    /// The input is longer than `AeOptions::max_len`. Since 1.2.
    TooLarge = 4,
}
// endregion

// region: options
/// Options for [`ae_checksum_with`]. The struct only ever grows at its end,
/// and `size` says how much of it the caller's header had: Rust reads those
/// bytes and uses defaults for the fields appended after them.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AeOptions {
    /// `sizeof(AeOptions)` as the caller compiled it. Since 1.1.
    pub size: u32,
    /// Mixed into the checksum's starting value. Since 1.1.
    pub seed: u64,
    /// Inputs longer than this fail with `AE_STATUS_TOO_LARGE`; 0: no limit. Since 1.2.
    pub max_len: u64,
}

/// The sizes the struct has had, oldest first: each version's is a prefix of the next.
const OPTIONS_SIZES: [usize; 2] = [offset_of!(AeOptions, max_len), size_of::<AeOptions>()];

impl AeOptions {
    /// Every field at its default: what a caller too old to know a field gets.
    const DEFAULT: AeOptions = AeOptions {
        size: 0,
        seed: 0,
        max_len: 0,
    };

    /// Reads the caller's options: the bytes its `size` covers, defaults past them.
    ///
    /// # Safety
    /// `p` points to a readable `uint32_t` size followed by the rest of `size` readable bytes.
    unsafe fn read(p: *const AeOptions) -> Result<AeOptions, AeStatus> {
        // SAFETY: every version of the struct starts with its `u32` size, and the caller promises it is readable.
        let size = unsafe { p.cast::<u32>().read() } as usize;
        if !OPTIONS_SIZES.contains(&size) {
            return Err(AeStatus::BadSize);
        }
        let mut options = AeOptions::DEFAULT;
        // SAFETY: the caller's struct has `size` readable bytes; `options` has room for them, since `size` is one of
        // its prefixes, whose fields are integers, valid for any bytes. Only bytes are copied, never a whole
        // `AeOptions` read from a smaller caller's memory.
        unsafe { ptr::copy_nonoverlapping(p.cast::<u8>(), (&raw mut options).cast::<u8>(), size) };
        Ok(options)
    }
}
// endregion

/// FNV-1a over `data`, starting from `seed` mixed into the offset basis.
fn fnv1a(data: &[u8], seed: u64) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325 ^ seed, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
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

/// Checksums `bytes` with `options` into `out`, catching a panic.
///
/// # Safety
/// `out` is NULL or points to a writable `uint64_t`.
unsafe fn checksum(bytes: Option<&[u8]>, options: AeOptions, out: *mut u64) -> AeStatus {
    let Some(bytes) = bytes else {
        return AeStatus::NullPointer;
    };
    if out.is_null() {
        return AeStatus::NullPointer;
    }
    if options.max_len != 0 && bytes.len() as u64 > options.max_len {
        return AeStatus::TooLarge;
    }
    match panic::catch_unwind(|| fnv1a(bytes, options.seed)) {
        Ok(sum) => {
            // SAFETY: not NULL, and the caller promises a writable `uint64_t`.
            unsafe { out.write(sum) };
            AeStatus::Ok
        }
        Err(_) => AeStatus::Panic,
    }
}

// region: checksum-with
/// Checksums `len` bytes at `data` as `options` say and writes the sum to `out`.
///
/// # Safety
/// `data` is NULL with `len == 0`, or points to `len` readable bytes; `options`
/// is NULL or points to an `AeOptions` of any ABI version, its `size` set;
/// `out` is NULL or points to a writable `uint64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ae_checksum_with(
    data: *const u8,
    len: usize,
    options: *const AeOptions,
    out: *mut u64,
) -> AeStatus {
    if options.is_null() {
        return AeStatus::NullPointer;
    }
    // SAFETY: not NULL, and the caller promises an `AeOptions` of some version with its size set.
    let options = match unsafe { AeOptions::read(options) } {
        Ok(o) => o,
        Err(status) => return status,
    };
    // SAFETY: the caller's promises about `data`, `len` and `out`, passed on.
    unsafe { checksum(input(data, len), options, out) }
}
// endregion

// region: deprecated
/// Checksums `len` bytes at `data` with `seed` and writes the sum to `out`.
/// Kept for callers built against 1.0, whose seed is the only option.
///
/// # Safety
/// `data` is NULL with `len == 0`, or points to `len` readable bytes; `out` is
/// NULL or points to a writable `uint64_t`.
#[deprecated(
    since = "1.1.0",
    note = "use ae_checksum_with, whose AeOptions can grow"
)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ae_checksum(
    data: *const u8,
    len: usize,
    seed: u64,
    out: *mut u64,
) -> AeStatus {
    let options = AeOptions {
        seed,
        ..AeOptions::DEFAULT
    };
    // SAFETY: the caller's promises about `data`, `len` and `out`, passed on.
    unsafe { checksum(input(data, len), options, out) }
}
// endregion

#[cfg(test)]
mod tests {
    use super::*;

    fn options(seed: u64) -> AeOptions {
        AeOptions {
            size: size_of::<AeOptions>() as u32,
            seed,
            ..AeOptions::DEFAULT
        }
    }

    #[test]
    fn checksums_like_fnv1a() {
        let mut sum = 0;
        // SAFETY: a valid slice, options and out pointer.
        let status = unsafe { ae_checksum_with(b"abc".as_ptr(), 3, &options(0), &mut sum) };
        assert_eq!(status, AeStatus::Ok);
        assert_eq!(sum, 0xe71f_a219_0541_574b);
    }

    #[test]
    #[allow(deprecated)] // old callers still call it: it must keep working
    fn the_deprecated_export_still_works() {
        let (mut old, mut new) = (0, 0);
        // SAFETY: valid slices, options and out pointers.
        unsafe {
            assert_eq!(ae_checksum(b"abc".as_ptr(), 3, 7, &mut old), AeStatus::Ok);
            assert_eq!(
                ae_checksum_with(b"abc".as_ptr(), 3, &options(7), &mut new),
                AeStatus::Ok
            );
        }
        assert_eq!(old, new);
    }

    #[test]
    fn rejects_null() {
        let mut sum = 0;
        let o = options(0);
        // SAFETY: NULL pointers are part of the contract.
        unsafe {
            assert_eq!(
                ae_checksum_with(ptr::null(), 1, &o, &mut sum),
                AeStatus::NullPointer
            );
            assert_eq!(ae_checksum_with(ptr::null(), 0, &o, &mut sum), AeStatus::Ok);
            assert_eq!(
                ae_checksum_with(b"a".as_ptr(), 1, ptr::null(), &mut sum),
                AeStatus::NullPointer
            );
            assert_eq!(
                ae_checksum_with(b"a".as_ptr(), 1, &o, ptr::null_mut()),
                AeStatus::NullPointer
            );
        }
    }

    // region: old-caller-test
    /// `AeOptions` as the 1.1 header declared it, before `max_len`.
    #[repr(C)]
    struct AeOptions1_1 {
        size: u32,
        seed: u64,
    }

    /// A caller built against 1.1 passes its smaller struct. Rust must read
    /// only its bytes (Miri fails this test on any read past them) and use
    /// the default for the field appended since.
    #[test]
    fn serves_a_caller_built_against_1_1() {
        let old = AeOptions1_1 {
            size: size_of::<AeOptions1_1>() as u32,
            seed: 7,
        };
        let (mut got, mut want) = (0, 0);
        // SAFETY: a valid slice and out pointers; `old` is an `AeOptions` of version 1.1 with its size set.
        let status =
            unsafe { ae_checksum_with(b"abc".as_ptr(), 3, (&raw const old).cast(), &mut got) };
        assert_eq!(status, AeStatus::Ok);
        // SAFETY: as above, with the current struct.
        let status = unsafe { ae_checksum_with(b"abc".as_ptr(), 3, &options(7), &mut want) };
        assert_eq!(status, AeStatus::Ok);
        assert_eq!(got, want);
    }
    // endregion

    #[test]
    fn refuses_input_over_max_len() {
        let mut sum = 0;
        let o = AeOptions {
            max_len: 2,
            ..options(0)
        };
        // SAFETY: a valid slice, options and out pointer.
        let status = unsafe { ae_checksum_with(b"abc".as_ptr(), 3, &o, &mut sum) };
        assert_eq!(status, AeStatus::TooLarge);
        // SAFETY: as above.
        let status = unsafe { ae_checksum_with(b"ab".as_ptr(), 2, &o, &mut sum) };
        assert_eq!(status, AeStatus::Ok);
    }

    #[test]
    fn rejects_a_size_no_version_had() {
        let mut sum = 0;
        for size in [0, 4, 8, size_of::<AeOptions>() as u32 + 8] {
            let o = AeOptions { size, ..options(0) };
            // SAFETY: a valid slice, options and out pointer.
            let status = unsafe { ae_checksum_with(b"a".as_ptr(), 1, &o, &mut sum) };
            assert_eq!(status, AeStatus::BadSize, "size {size}");
        }
    }

    #[test]
    fn reports_its_version() {
        assert_eq!(ae_abi_version(), (AE_ABI_MAJOR << 16) | AE_ABI_MINOR);
    }
}
