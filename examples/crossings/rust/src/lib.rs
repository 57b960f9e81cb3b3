//! One Rust function, Adler-32, exported once through the C ABI and reached
//! from Go five ways: cgo with this crate's staticlib, cgo with its cdylib,
//! purego with the same cdylib, wazero with the crate built for wasm32-wasip1,
//! and a child process (src/bin/crossings-server.rs).
//!
//! Every export has an explicit init and shutdown pair around it, the path a
//! shared library needs.

use std::panic::{self, UnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};

mod kernel;
#[cfg(target_family = "wasm")]
mod wasm;

pub use kernel::adler32;

/// Bumped whenever an export's signature or meaning changes. Go compares it
/// with what the library it loaded reports, so a stale `libcrossings.so` found
/// first on the search path is refused.
pub const CROSSINGS_ABI_VERSION: u32 = 1;

/// `crossings_fail` panics (caught at the boundary, returned as a status).
pub const CROSSINGS_FAIL_PANIC: u32 = 1;
/// `crossings_fail` aborts the process, which no boundary can catch.
pub const CROSSINGS_FAIL_ABORT: u32 = 2;

/// Whether an export did its work. `#[repr(i32)]` fixes the values: they are
/// ABI.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CrStatus {
    Ok = 0,
    /// `data` or `out` was NULL where bytes were promised.
    NullPointer = 1,
    /// A length beyond `isize::MAX`: no such buffer can exist.
    TooLong = 2,
    /// Rust panicked; the panic was caught at the boundary.
    Panic = 3,
    /// Called before `crossings_init` or after `crossings_shutdown`.
    NotInitialized = 4,
    /// An argument outside its documented values.
    InvalidArgument = 5,
}

static INITIALIZED: AtomicBool = AtomicBool::new(false);

/// Runs an export's body with panics caught: a panic reaching the edge of an
/// `extern "C"` function aborts the process. (On wasm32-wasip1 panics abort, so
/// the guest traps instead.)
fn guard(body: impl FnOnce() -> Result<(), CrStatus> + UnwindSafe) -> CrStatus {
    match panic::catch_unwind(body) {
        Ok(Ok(())) => CrStatus::Ok,
        Ok(Err(status)) => status,
        Err(_) => CrStatus::Panic,
    }
}

fn ready() -> Result<(), CrStatus> {
    // Relaxed: the flag guards no other memory, it only refuses calls outside
    // init…shutdown.
    if INITIALIZED.load(Ordering::Relaxed) {
        Ok(())
    } else {
        Err(CrStatus::NotInitialized)
    }
}

// region: init
/// The ABI version this library was built with: compare it with
/// `CROSSINGS_ABI_VERSION` from the header the caller was compiled against
/// before calling anything else.
#[unsafe(no_mangle)]
pub extern "C" fn crossings_abi_version() -> u32 {
    CROSSINGS_ABI_VERSION
}

/// Makes the other exports usable. Call once after loading the library; calling
/// it again is harmless.
#[unsafe(no_mangle)]
pub extern "C" fn crossings_init() -> CrStatus {
    INITIALIZED.store(true, Ordering::Relaxed);
    CrStatus::Ok
}

/// The other exports refuse work from now on, until `crossings_init` again.
/// Call before unloading.
#[unsafe(no_mangle)]
pub extern "C" fn crossings_shutdown() {
    INITIALIZED.store(false, Ordering::Relaxed);
}
// endregion

// region: export
/// Writes the Adler-32 of `len` bytes at `data` to `*out`.
///
/// # Safety
/// `data` must point to `len` readable bytes that stay valid and unmodified for
/// the duration of the call (it may be NULL only when `len` is 0), and `out`
/// must be NULL or point to a writable `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn crossings_adler32(data: *const u8, len: usize, out: *mut u32) -> CrStatus {
    guard(|| {
        ready()?;
        if out.is_null() || (data.is_null() && len > 0) {
            return Err(CrStatus::NullPointer);
        }
        if len > isize::MAX as usize {
            return Err(CrStatus::TooLong);
        }
        let bytes: &[u8] = if len == 0 {
            &[]
        } else {
            // SAFETY: not NULL, at most isize::MAX bytes, and the caller
            // promises `len` readable bytes at `data` that nothing writes
            // during the call.
            unsafe { std::slice::from_raw_parts(data, len) }
        };
        // SAFETY: not NULL, and the caller promises a writable u32 at `out`.
        unsafe { out.write(adler32(1, bytes)) };
        Ok(())
    })
}

/// Does nothing but what every export does (the guard and the init check): the
/// cost of the crossing alone.
#[unsafe(no_mangle)]
pub extern "C" fn crossings_noop() -> CrStatus {
    guard(ready)
}
// endregion

// region: fail
/// Fails on purpose, to show what each crossing does with a Rust failure:
/// `CROSSINGS_FAIL_PANIC` panics (caught here, returned as `CR_STATUS_PANIC`),
/// `CROSSINGS_FAIL_ABORT` aborts the process.
#[unsafe(no_mangle)]
pub extern "C" fn crossings_fail(how: u32) -> CrStatus {
    match how {
        CROSSINGS_FAIL_PANIC => guard(|| panic!("crossings_fail asked for a panic")),
        CROSSINGS_FAIL_ABORT => std::process::abort(),
        _ => CrStatus::InvalidArgument,
    }
}
// endregion

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(data: *const u8, len: usize) -> (u32, CrStatus) {
        let mut out = 0;
        // SAFETY: each caller passes NULL or `len` readable bytes, except the
        // oversized length, which is refused before anything is read; `out` is
        // a local.
        let status = unsafe { crossings_adler32(data, len, &mut out) };
        (out, status)
    }

    // One test, so that no other test's init or shutdown runs between its
    // steps.
    #[test]
    fn exports_as_c_calls_them() {
        let data = b"Wikipedia";
        crossings_shutdown();
        assert_eq!(
            sum(data.as_ptr(), data.len()),
            (0, CrStatus::NotInitialized)
        );
        assert_eq!(crossings_noop(), CrStatus::NotInitialized);
        assert_eq!(crossings_init(), CrStatus::Ok);
        assert_eq!(crossings_abi_version(), CROSSINGS_ABI_VERSION);
        assert_eq!(sum(data.as_ptr(), data.len()), (0x11E6_0398, CrStatus::Ok));
        assert_eq!(
            sum(std::ptr::null(), 0),
            (1, CrStatus::Ok),
            "Go's nil slice"
        );
        assert_eq!(sum(std::ptr::null(), 3), (0, CrStatus::NullPointer));
        assert_eq!(sum(data.as_ptr(), usize::MAX), (0, CrStatus::TooLong));
        // SAFETY: `out` NULL is refused before anything is read or written.
        let status = unsafe { crossings_adler32(data.as_ptr(), data.len(), std::ptr::null_mut()) };
        assert_eq!(status, CrStatus::NullPointer);
        assert_eq!(crossings_noop(), CrStatus::Ok);
        assert_eq!(crossings_fail(0), CrStatus::InvalidArgument);
        crossings_shutdown();
        assert_eq!(crossings_noop(), CrStatus::NotInitialized);
    }

    #[test]
    #[cfg_attr(
        miri,
        ignore = "unwinding through catch_unwind: Miri supports it but it is slow"
    )]
    fn a_panic_becomes_a_status() {
        assert_eq!(crossings_fail(CROSSINGS_FAIL_PANIC), CrStatus::Panic);
    }
}
