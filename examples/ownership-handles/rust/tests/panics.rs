//! Each export called as C would, with the panic hook armed: the panic is
//! caught and comes back as `OhStatus::Panic`, once. One lock: the hook is process-wide.

use std::ffi::c_char;
use std::ptr;
use std::sync::{Mutex, PoisonError};

use ownership_handles::*;

static HOOK: Mutex<()> = Mutex::new(());

/// Arms the hook for `name`, runs `call` twice: a panic first, then the real status.
fn panics_once(name: &std::ffi::CStr, mut call: impl FnMut() -> OhStatus) {
    // SAFETY: a C string literal.
    assert!(unsafe { oh_test_panic_in(name.as_ptr()) });
    assert_eq!(call(), OhStatus::Panic, "{name:?}");
    assert_eq!(call(), OhStatus::Ok, "{name:?}: the hook is one-shot");
}

#[test]
fn forced_panics_are_caught_in_every_export() {
    let _hook = HOOK.lock().unwrap_or_else(PoisonError::into_inner);
    let mut t = ptr::null_mut();
    let (mut n, mut m, mut live) = (0u64, 0i64, 0usize);
    // SAFETY: every pointer is valid for its call; strings from oh_tally_top are freed once.
    unsafe {
        panics_once(c"oh_tally_new", || {
            let mut t = ptr::null_mut();
            let status = oh_tally_new(&mut t);
            oh_tally_free(t);
            status
        });
        assert_eq!(oh_tally_new(&mut t), OhStatus::Ok);
        panics_once(c"oh_live_tallies", || oh_live_tallies(&mut live));
        panics_once(c"oh_tally_add", || oh_tally_add(t, c"go".as_ptr(), &mut n));
        panics_once(c"oh_tally_add_bytes", || {
            oh_tally_add_bytes(t, b"go".as_ptr(), 2, &mut n)
        });
        assert_eq!(n, 2, "each panic left the count alone");
        panics_once(c"oh_tally_count", || {
            oh_tally_count(t, c"go".as_ptr(), &mut n)
        });
        panics_once(c"oh_tally_distinct", || oh_tally_distinct(t, &mut n));
        panics_once(c"oh_tally_distinct_after", || {
            oh_tally_distinct_after(t, 0, &mut m)
        });
        let top = |s: &mut *mut c_char| oh_tally_top(t, 1, s);
        panics_once(c"oh_tally_top", || {
            let mut s = ptr::null_mut();
            let status = top(&mut s);
            oh_string_free(s);
            status
        });
        let mut s = ptr::null_mut();
        assert_eq!(top(&mut s), OhStatus::Ok);
        assert!(oh_test_panic_in(c"oh_string_free".as_ptr()));
        assert_eq!(oh_string_free(s), OhStatus::Panic, "before the free");
        assert_eq!(oh_string_free(s), OhStatus::Ok);
        assert!(oh_test_panic_in(c"oh_tally_free".as_ptr()));
        assert_eq!(
            oh_tally_free(t),
            OhStatus::Panic,
            "the panic comes before the free"
        );
        assert_eq!(oh_tally_free(t), OhStatus::Ok);
        assert!(!oh_test_panic_in(ptr::null()), "NULL disarms");
    }
}
