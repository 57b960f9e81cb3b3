//! A testing hook: make one named export panic inside its `catch_unwind`, once,
//! so tests can prove every export hands a panic to Go as an error.

use std::ffi::CStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

/// The fast path: one relaxed load per call, so benchmarks do not move.
static ARMED: AtomicBool = AtomicBool::new(false);
/// Which export panics next. Read and written only under its lock.
static TARGET: Mutex<String> = Mutex::new(String::new());

/// Panics if the hook is armed for `name`. Every export calls it first inside its `catch_unwind`.
#[inline]
pub(crate) fn panic_if_armed(name: &str) {
    // Relaxed is enough: `arm` runs earlier in the calling goroutine's program
    // order, and the lock in `fire` decides.
    if ARMED.load(Ordering::Relaxed) {
        fire(name);
    }
}

#[cold]
#[inline(never)]
fn fire(name: &str) {
    let mut target = TARGET.lock().unwrap_or_else(PoisonError::into_inner);
    if *target == name {
        target.clear();
        ARMED.store(false, Ordering::Relaxed);
        drop(target); // release the lock before unwinding, so it is not poisoned
        panic!("test hook: forced panic in {name}");
    }
}

/// Arms the hook for the export `name`, or disarms it for `None`. Returns
/// false, disarmed, for a name that is not UTF-8.
pub(crate) fn arm(name: Option<&CStr>) -> bool {
    let mut target = TARGET.lock().unwrap_or_else(PoisonError::into_inner);
    target.clear();
    let armed = match name.map(CStr::to_str) {
        Some(Ok(name)) => {
            target.push_str(name);
            true
        }
        _ => false,
    };
    ARMED.store(armed, Ordering::Relaxed);
    armed
}
