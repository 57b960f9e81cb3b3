//! Each export called as C would, with the panic hook armed: the panic is
//! caught and reported, once. One lock: the hook is process-wide.

use std::ffi::CString;
use std::ptr;
use std::sync::{Mutex, MutexGuard, PoisonError};

use hello_boundary::{HB_ABI_VERSION, hb_abi_version, hb_add, hb_test_panic_in};

static HOOK: Mutex<()> = Mutex::new(());

fn exclusive() -> MutexGuard<'static, ()> {
    HOOK.lock().unwrap_or_else(PoisonError::into_inner)
}

#[test]
fn forced_panics_are_caught_in_every_export() {
    let _hook = exclusive();
    // SAFETY: C string literals are NUL-terminated and live forever.
    unsafe {
        assert!(hb_test_panic_in(c"hb_add".as_ptr()));
        assert!(!hb_add(1, 2).ok);
        assert_eq!(hb_add(1, 2).value, 3, "the hook is one-shot");
        assert!(hb_test_panic_in(c"hb_abi_version".as_ptr()));
        assert_eq!(hb_abi_version(), 0);
        assert_eq!(hb_abi_version(), HB_ABI_VERSION);
    }
}

#[test]
fn hook_takes_null_empty_long_and_non_utf8_names() {
    let _hook = exclusive();
    let long = CString::new("x".repeat(1 << 16)).unwrap();
    // SAFETY: NULL, or NUL-terminated strings that outlive each call.
    unsafe {
        assert!(hb_test_panic_in(long.as_ptr()));
        assert!(hb_add(1, 1).ok, "armed for another name");
        assert!(hb_test_panic_in(c"".as_ptr()));
        assert!(!hb_test_panic_in(c"\xff".as_ptr()), "not UTF-8: disarmed");
        assert!(hb_test_panic_in(c"hb_add".as_ptr()));
        assert!(!hb_test_panic_in(ptr::null()), "NULL disarms");
        assert!(hb_add(1, 1).ok);
    }
}
