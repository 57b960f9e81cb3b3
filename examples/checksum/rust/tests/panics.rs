//! Each export called as C would, with the panic hook armed: the panic is
//! caught and comes back as `CsStatus::Panic`, once.

use std::ptr;

use checksum::{CsStatus, cs_adler32, cs_noop, cs_test_panic_in};

// One test function: the hook is process-wide, and tests run on parallel threads.
#[test]
fn forced_panics_are_caught_in_every_export() {
    let data = b"Wikipedia";
    // SAFETY: C string literals, and `data.len()` readable bytes at `data`.
    unsafe {
        assert!(cs_test_panic_in(c"cs_adler32".as_ptr()));
        let sum = cs_adler32(data.as_ptr(), data.len());
        assert_eq!((sum.value, sum.status), (0, CsStatus::Panic));
        let sum = cs_adler32(data.as_ptr(), data.len());
        assert_eq!(
            (sum.value, sum.status),
            (0x11E6_0398, CsStatus::Ok),
            "one-shot"
        );
        assert!(cs_test_panic_in(c"cs_noop".as_ptr()));
        assert_eq!(cs_noop(), CsStatus::Panic);
        assert_eq!(cs_noop(), CsStatus::Ok);
        assert!(!cs_test_panic_in(c"\xff".as_ptr()), "not UTF-8");
        assert!(!cs_test_panic_in(ptr::null()), "NULL disarms");
    }
}
