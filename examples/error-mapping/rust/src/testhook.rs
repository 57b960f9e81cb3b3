//! A testing hook: `em_test_panic_in("em_version_parse")` makes the next call of
//! that export panic inside its `catch_unwind`, so the Go tests can check that
//! every export turns a panic into an error. Production code never arms it,
//! and an unarmed hook costs one relaxed atomic load per call.

use std::ffi::{CStr, c_char};
use std::panic;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

/// True while an export name is armed: the only thing the fast path reads.
static ARMED: AtomicBool = AtomicBool::new(false);
/// The armed export's name. The Mutex orders it with ARMED's stores.
static TARGET: Mutex<Option<String>> = Mutex::new(None);

/// Panics if `name` is the armed export, disarming the hook first (one shot).
/// Every export calls this first thing inside its `catch_unwind`.
#[inline]
pub(crate) fn panic_if_armed(name: &str) {
    if ARMED.load(Ordering::Relaxed) {
        fire_if_target(name);
    }
}

#[cold]
fn fire_if_target(name: &str) {
    let mut target = TARGET.lock().unwrap_or_else(PoisonError::into_inner);
    if target.as_deref() == Some(name) {
        *target = None;
        ARMED.store(false, Ordering::Relaxed);
        drop(target);
        panic!("test hook: forced panic in {name}");
    }
}

fn arm(name: Option<String>) {
    let mut target = TARGET.lock().unwrap_or_else(PoisonError::into_inner);
    ARMED.store(name.is_some(), Ordering::Relaxed);
    *target = name;
}

/// Testing hook, not part of the API: the next call of the export named
/// `export_name` panics inside its `catch_unwind` and reports the panic as its
/// error. One-shot: the hook disarms when it fires. NULL disarms it.
///
/// # Safety
/// `export_name` must be NULL or a NUL-terminated string valid for this call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn em_test_panic_in(export_name: *const c_char) {
    let name = if export_name.is_null() {
        None
    } else {
        // SAFETY: non-null, and the caller promises a NUL-terminated string.
        Some(
            unsafe { CStr::from_ptr(export_name) }
                .to_string_lossy()
                .into_owned(),
        )
    };
    // Nothing here is expected to panic (allocation failure aborts), but no
    // panic may unwind out of an extern "C" function: stop it and disarm.
    if panic::catch_unwind(|| arm(name)).is_err() {
        ARMED.store(false, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(name: Option<&CStr>) {
        // SAFETY: NULL or a NUL-terminated literal.
        unsafe { em_test_panic_in(name.map_or(std::ptr::null(), CStr::as_ptr)) };
    }

    /// Uses a name no export has, so tests running in parallel are unaffected.
    #[test]
    fn fires_once_for_the_armed_name_only() {
        set(Some(c"probe"));
        assert!(panic::catch_unwind(|| panic_if_armed("other")).is_ok());
        assert!(panic::catch_unwind(|| panic_if_armed("probe")).is_err());
        assert!(
            panic::catch_unwind(|| panic_if_armed("probe")).is_ok(),
            "one-shot"
        );
        set(Some(c"probe"));
        set(None);
        assert!(
            panic::catch_unwind(|| panic_if_armed("probe")).is_ok(),
            "NULL disarms"
        );
    }
}
