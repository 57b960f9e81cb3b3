//! The smallest honest crossing: one Rust function that Go calls through cgo.

use std::ffi::{CStr, c_char};
use std::panic;

mod test_hook;

// region: export
/// The result of [`hb_add`]: `value` is the sum only when `ok` is true. A
/// panic inside Rust is caught and comes back as `ok == false`, so it can
/// never look like a sum: every `int32_t` is a plausible sum.
#[repr(C)]
pub struct HbSum {
    pub value: i32,
    pub ok: bool,
}

/// Adds two 32-bit integers, wrapping on overflow exactly like Go's `int32` addition.
///
/// `extern "C"` gives the function the platform's C calling convention, and
/// `#[unsafe(no_mangle)]` keeps its symbol name `hb_add` so the C linker finds it.
/// Edition 2024 requires the `unsafe(...)` wrapper: an unmangled name can clash
/// with any other symbol in the final binary, and the author vouches that it won't.
/// `catch_unwind` stops a panic here: one that reached the edge of an
/// `extern "C"` function would abort the whole Go process.
#[unsafe(no_mangle)]
pub extern "C" fn hb_add(a: i32, b: i32) -> HbSum {
    match panic::catch_unwind(|| {
        test_hook::panic_if_armed("hb_add");
        a.wrapping_add(b)
    }) {
        Ok(value) => HbSum { value, ok: true },
        Err(_) => HbSum {
            value: 0,
            ok: false,
        },
    }
}
// endregion

// region: version
/// The library's ABI version. The Go package compares it with the header's
/// before its first call, so a Go wrapper built against one header never runs
/// against another library. Bump it whenever the header's declarations change
/// (a Go test compares them with `rust/abi.lock`). 0 is never a version.
pub const HB_ABI_VERSION: u32 = 2;

/// Returns [`HB_ABI_VERSION`], or 0 if Rust panicked.
#[unsafe(no_mangle)]
pub extern "C" fn hb_abi_version() -> u32 {
    panic::catch_unwind(|| {
        test_hook::panic_if_armed("hb_abi_version");
        HB_ABI_VERSION
    })
    .unwrap_or(0)
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
pub unsafe extern "C" fn hb_test_panic_in(export_name: *const c_char) -> bool {
    let name = if export_name.is_null() {
        None
    } else {
        // SAFETY: not NULL, so the caller promises a C string valid for this call.
        Some(unsafe { CStr::from_ptr(export_name) })
    };
    panic::catch_unwind(|| test_hook::arm(name)).unwrap_or(false)
}

// Tests that arm the panic hook are in tests/panics.rs: another process, so
// they cannot fire the hook inside these tests, which run on parallel threads.
#[cfg(test)]
mod tests {
    use super::*;

    // region: rust-test
    #[test]
    fn adds_like_go_int32() {
        assert_eq!(hb_add(2, 40).value, 42);
        assert_eq!(hb_add(-5, 5).value, 0);
        // Go's int32 addition wraps; the Rust side must agree, not panic.
        let sum = hb_add(i32::MAX, 1);
        assert!(sum.ok);
        assert_eq!(sum.value, i32::MIN);
    }
    // endregion

    #[test]
    fn reports_its_abi_version() {
        assert_eq!(hb_abi_version(), HB_ABI_VERSION);
        assert_ne!(HB_ABI_VERSION, 0, "0 means the call failed");
    }
}
