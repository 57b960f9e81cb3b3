//! What a Go service needs to observe a Rust library: a kernel to time natively and through cgo, a call
//! that holds its thread for a while, and allocations Go cannot see, counted by the global allocator.
//!
//! No export can panic (no indexing, no arithmetic that overflows, allocation failure returns null), so
//! none needs `catch_unwind`; the tests call each as C would.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

// region: counting-allocator
/// The system allocator, counting the bytes live in it. Go's collector and GOMEMLIMIT see none of
/// Rust's heap; this count is how Go can report it.
struct Counting;

static LIVE_BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: every method forwards to System with the same arguments, so System's guarantees hold; the
// counters are only arithmetic on the side.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds alloc's contract (non-zero size), which is System's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE_BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: ptr came from this allocator (so from System) with this layout.
        unsafe { System.dealloc(ptr, layout) };
        LIVE_BYTES.fetch_sub(layout.size() as u64, Ordering::Relaxed);
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for alloc.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            LIVE_BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller upholds realloc's contract, which is System's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE_BYTES.fetch_sub(layout.size() as u64, Ordering::Relaxed);
            LIVE_BYTES.fetch_add(new_size as u64, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes currently allocated by Rust's global allocator in this process.
#[unsafe(no_mangle)]
pub extern "C" fn obs_rust_live_bytes() -> u64 {
    LIVE_BYTES.load(Ordering::Relaxed)
}
// endregion

// region: kernel
/// FNV-1a over `data`: cheap per byte, so at small sizes the crossing dominates. Never inlined, so
/// the native loop and the export run the same machine code and differ only by the crossing.
#[inline(never)]
fn fnv1a(data: &[u8]) -> u64 {
    fnv1a_inline(data)
}

/// The hash itself, inlined where it is used: in `obs_busy`, so that profilers charge its time to
/// that exported (global, always named) symbol.
#[inline(always)]
fn fnv1a_inline(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// # Safety
/// `data` must point to `len` readable bytes for the duration of the call, or be null with `len` 0.
unsafe fn bytes<'a>(data: *const u8, len: usize) -> &'a [u8] {
    if data.is_null() || len == 0 {
        return &[];
    }
    // SAFETY: the caller promises `len` readable bytes at `data`, not written during the call.
    unsafe { std::slice::from_raw_parts(data, len) }
}

/// FNV-1a of `len` bytes at `data`.
///
/// # Safety
/// `data` must point to `len` readable bytes for the duration of the call, or be null with `len` 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn obs_hash(data: *const u8, len: usize) -> u64 {
    // SAFETY: forwarded from this function's contract.
    fnv1a(unsafe { bytes(data, len) })
}
// endregion

// region: native-loop
/// Hashes the same bytes `iterations` times inside Rust, in one crossing, and returns the nanoseconds it
/// took: the kernel's native cost, timed in the same process and run as the calls through cgo.
///
/// # Safety
/// As for [`obs_hash`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn obs_hash_native_ns(data: *const u8, len: usize, iterations: u64) -> u64 {
    // SAFETY: forwarded from this function's contract.
    let input = unsafe { bytes(data, len) };
    let start = Instant::now();
    for _ in 0..iterations {
        // black_box: the loop must hash every time, as the calls through cgo do.
        black_box(fnv1a(black_box(input)));
    }
    u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX)
}
// endregion

// region: busy
/// Holds its thread for about `micros` microseconds of CPU work, as a long Rust call does, and returns
/// a value so the work cannot be optimised away.
#[unsafe(no_mangle)]
pub extern "C" fn obs_busy(micros: u64) -> u64 {
    let start = Instant::now();
    let mut h = 0u64;
    let block = [0x5au8; 256];
    while start.elapsed().as_micros() < u128::from(micros) {
        // Read the clock every 64 blocks (16 KiB, some microseconds), so the time goes to this
        // function's own code, where a profiler can name it.
        for _ in 0..64 {
            h ^= fnv1a_inline(black_box(&block));
        }
    }
    h
}
// endregion

// region: rust-buffer
/// An allocation Go cannot see: `len` bytes, each written so the pages are resident (counted in RSS).
/// Returns null when the allocation fails. Free it with [`obs_buffer_free`].
#[unsafe(no_mangle)]
pub extern "C" fn obs_buffer_new(len: usize) -> *mut Buffer {
    let mut bytes = Vec::new();
    if bytes.try_reserve_exact(len).is_err() {
        return std::ptr::null_mut();
    }
    bytes.resize(len, 1);
    Box::into_raw(Box::new(Buffer { _bytes: bytes }))
}

/// Frees a buffer from [`obs_buffer_new`]; null is a no-op.
///
/// # Safety
/// `buffer` must be null or come from `obs_buffer_new`, and not be freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn obs_buffer_free(buffer: *mut Buffer) {
    if !buffer.is_null() {
        // SAFETY: the caller promises it came from Box::into_raw in obs_buffer_new, freed once.
        drop(unsafe { Box::from_raw(buffer) });
    }
}

/// Memory Rust owns, opaque to C and Go.
pub struct Buffer {
    // Held only to be freed with the buffer.
    _bytes: Vec<u8>,
}
// endregion

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_matches_fnv1a_reference_values() {
        // FNV-1a 64 of "" and "a", from the FNV reference (draft-eastlake-fnv).
        let empty = {
            // SAFETY: null with length 0 is allowed.
            unsafe { obs_hash(std::ptr::null(), 0) }
        };
        assert_eq!(empty, 0xcbf2_9ce4_8422_2325);
        // SAFETY: one readable byte.
        assert_eq!(unsafe { obs_hash(b"a".as_ptr(), 1) }, 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn native_loop_runs_and_null_is_empty() {
        // SAFETY: null with length 0 is allowed.
        let ns = unsafe { obs_hash_native_ns(std::ptr::null(), 0, 3) };
        assert!(ns < 1_000_000_000);
    }

    #[test]
    fn buffers_are_counted_while_live() {
        // Other tests allocate concurrently: compare with a margin well below the buffer's size.
        // Miri interprets every byte written: a smaller buffer keeps it to seconds.
        let size: u64 = if cfg!(miri) { 1 << 16 } else { 1 << 20 };
        let before = obs_rust_live_bytes();
        let b = obs_buffer_new(size as usize);
        assert!(!b.is_null());
        assert!(obs_rust_live_bytes() >= before + size / 2);
        // SAFETY: b came from obs_buffer_new and is freed once.
        unsafe { obs_buffer_free(b) };
        // SAFETY: null is a no-op.
        unsafe { obs_buffer_free(std::ptr::null_mut()) };
    }

    #[test]
    fn an_impossible_buffer_is_null_not_a_panic() {
        assert!(obs_buffer_new(usize::MAX).is_null());
    }

    #[test]
    fn busy_returns() {
        // Under Miri, 0: the loop would take minutes to interpret.
        black_box(obs_busy(if cfg!(miri) { 0 } else { 100 }));
    }
}
