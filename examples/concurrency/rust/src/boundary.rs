//! What every export shares: the status code it returns, the guard that
//! catches panics, the test hook that forces one, and the checks that turn C
//! arguments into Rust references, in the style of the error-mapping example.

use std::ffi::{CStr, c_char};
use std::panic::{self, AssertUnwindSafe};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

// region: status
/// How an export ended. Every export returns one, and its results go to
/// out-parameters, so no result value doubles as an error. `#[repr(i32)]`
/// fixes the numbers: they are ABI, only ever added, never renumbered.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CcStatus {
    Ok = 0,
    /// A pointer argument was NULL, or misaligned for its type, where the call needs memory.
    BadPointer = 1,
    /// `n` items would span more than `isize::MAX` bytes: no allocation is that large.
    TooLong = 2,
    /// `cc_mix_batch`: input and output overlap without being the same items.
    Overlap = 3,
    /// `cc_pool_new`: rayon could not build the pool.
    NoPool = 4,
    /// `cc_rendezvous_wait`: not everybody arrived before the timeout.
    TimedOut = 5,
    /// `cc_search`: the cancel flag was set.
    Cancelled = 6,
    /// `cc_search`: no candidate left below 2^64.
    Exhausted = 7,
    /// Rust panicked; the guard caught it at the boundary.
    Panic = 8,
    /// A callback's Go code panicked; Go recovered and asked Rust to stop.
    CallbackPanicked = 9,
    /// A callback's handle named no Go visitor; Go asked Rust to stop.
    BadHandle = 10,
}
// endregion

// region: guard
/// Runs an export's body inside `catch_unwind`: `Ok` becomes `CcStatus::Ok`,
/// an `Err` its status, and a panic `CcStatus::Panic`, so a panic (in the body
/// or on a pool thread, which rayon hands back to the caller) never reaches an
/// `extern "C"` frame, where it would abort the process.
///
/// `AssertUnwindSafe`: a panicking export writes nothing more to the caller's
/// memory, and the caller, told `CC_STATUS_PANIC`, uses none of its outputs;
/// the state Rust keeps between calls is atomics, and locks that handle poisoning.
pub(crate) fn guard(export: &'static str, body: impl FnOnce() -> Result<(), CcStatus>) -> CcStatus {
    let run = AssertUnwindSafe(|| {
        panic_if_armed(export);
        body()
    });
    match panic::catch_unwind(run) {
        Ok(Ok(())) => CcStatus::Ok,
        Ok(Err(status)) => status,
        Err(_) => CcStatus::Panic,
    }
}
// endregion

// region: test-hook
/// Set only while `ARMED_FOR` names an export, so that the check every export
/// makes is one relaxed load in any program that never arms the hook.
static ARMED: AtomicBool = AtomicBool::new(false);
static ARMED_FOR: Mutex<Option<String>> = Mutex::new(None);

/// Panics if the test hook is armed for `export`, and disarms it: one shot.
#[inline]
pub(crate) fn panic_if_armed(export: &str) {
    if ARMED.load(Ordering::Relaxed) {
        fire_if_armed_for(export);
    }
}

#[cold]
fn fire_if_armed_for(export: &str) {
    let mut armed = ARMED_FOR.lock().unwrap_or_else(PoisonError::into_inner);
    if armed.as_deref() == Some(export) {
        *armed = None;
        ARMED.store(false, Ordering::Relaxed);
        drop(armed);
        panic!("{export}: panic forced by cc_test_panic_in");
    }
}

/// Testing hook, not for production use: the next call of the export named
/// `export_name` (for example `"cc_mix"`) panics inside its guard, once, so a
/// test can check that every export turns a panic into `CC_STATUS_PANIC`.
/// A name that is no export never fires.
///
/// # Safety
/// `export_name` is NULL or points to a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_test_panic_in(export_name: *const c_char) -> CcStatus {
    guard("cc_test_panic_in", || {
        if export_name.is_null() {
            return Err(CcStatus::BadPointer);
        }
        // SAFETY: not NULL, and the caller promises a NUL-terminated string.
        let name = unsafe { CStr::from_ptr(export_name) }
            .to_string_lossy()
            .into_owned();
        *ARMED_FOR.lock().unwrap_or_else(PoisonError::into_inner) = Some(name);
        ARMED.store(true, Ordering::Relaxed);
        Ok(())
    })
}
// endregion

// region: args
/// The bytes `n` `T`s span, if that fits in an allocation (at most `isize::MAX`).
pub(crate) fn byte_len<T>(n: usize) -> Result<usize, CcStatus> {
    n.checked_mul(size_of::<T>())
        .filter(|&b| b <= isize::MAX as usize)
        .ok_or(CcStatus::TooLong)
}

/// Checks what Rust can check of `n` items at `ptr`: a length that fits in
/// memory, and a non-NULL, aligned pointer unless `n` is 0 (Go passes NULL for
/// a nil slice; `slice::from_raw_parts` needs a non-NULL pointer even then).
fn check_items<T>(ptr: *const T, n: usize) -> Result<(), CcStatus> {
    byte_len::<T>(n)?;
    if n > 0 && (ptr.is_null() || !ptr.is_aligned()) {
        Err(CcStatus::BadPointer)
    } else {
        Ok(())
    }
}

/// `n` items at `ptr` as a shared slice.
///
/// # Safety
/// If `n > 0` and `ptr` is not NULL, it points to `n` initialised `T`s that
/// nothing writes until the export returns.
pub(crate) unsafe fn items<'a, T>(ptr: *const T, n: usize) -> Result<&'a [T], CcStatus> {
    check_items(ptr, n)?;
    if n == 0 {
        return Ok(&[]);
    }
    // SAFETY: checked non-NULL, aligned and at most isize::MAX bytes; the caller
    // promises n initialised Ts that nobody writes meanwhile.
    Ok(unsafe { std::slice::from_raw_parts(ptr, n) })
}

/// `n` items at `ptr` as a mutable slice.
///
/// # Safety
/// If `n > 0` and `ptr` is not NULL, it points to `n` initialised `T`s that
/// nothing else reads or writes until the export returns.
pub(crate) unsafe fn items_mut<'a, T>(ptr: *mut T, n: usize) -> Result<&'a mut [T], CcStatus> {
    check_items(ptr, n)?;
    if n == 0 {
        return Ok(&mut []);
    }
    // SAFETY: checked as in `items`; the caller promises exclusive access.
    Ok(unsafe { std::slice::from_raw_parts_mut(ptr, n) })
}

/// A required object pointer, such as a pool.
///
/// # Safety
/// If `ptr` is not NULL, it points to a live `T` that stays live until the export returns.
pub(crate) unsafe fn object<'a, T>(ptr: *const T) -> Result<&'a T, CcStatus> {
    if !ptr.is_aligned() {
        return Err(CcStatus::BadPointer);
    }
    // SAFETY: aligned (checked); the caller promises NULL or a live T.
    unsafe { ptr.as_ref() }.ok_or(CcStatus::BadPointer)
}

/// An out-parameter, checked before the work starts and written after it.
/// It never becomes a `&mut T`: C may hand Rust uninitialised memory to fill.
pub(crate) struct Out<T>(NonNull<T>);

impl<T> Out<T> {
    /// # Safety
    /// If `ptr` is not NULL, it is valid for one write of a `T` until the export returns.
    pub(crate) unsafe fn new(ptr: *mut T) -> Result<Self, CcStatus> {
        match NonNull::new(ptr) {
            Some(p) if p.is_aligned() => Ok(Out(p)),
            _ => Err(CcStatus::BadPointer),
        }
    }

    pub(crate) fn write(self, value: T) {
        // SAFETY: `new` checked non-NULL and aligned, and its caller promised
        // the pointer valid for a write until the export returns.
        unsafe { self.0.as_ptr().write(value) }
    }
}
// endregion
