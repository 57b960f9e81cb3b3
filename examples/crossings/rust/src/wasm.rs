//! What a WebAssembly host needs beyond the C exports: the guest's memory is
//! its own, so the host asks the guest for a buffer, copies the bytes into it,
//! and passes its offset to `crossings_adler32`.

use std::alloc::{Layout, alloc, dealloc};

/// A buffer of `len` bytes in the guest's memory, or NULL (0) when `len` is 0
/// or memory ran out.
#[unsafe(no_mangle)]
pub extern "C" fn crossings_alloc(len: usize) -> *mut u8 {
    match Layout::array::<u8>(len) {
        // SAFETY: the layout has a non-zero size.
        Ok(layout) if len > 0 => unsafe { alloc(layout) },
        _ => std::ptr::null_mut(),
    }
}

/// Frees a buffer from `crossings_alloc`.
///
/// # Safety
/// `ptr` must come from `crossings_alloc(len)` with this same `len`, and not be
/// freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn crossings_free(ptr: *mut u8, len: usize) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: the caller promises `ptr` came from `crossings_alloc(len)`, whose
    // layout this is.
    unsafe {
        dealloc(
            ptr,
            Layout::array::<u8>(len).expect("crossings_alloc accepted this length"),
        )
    }
}
