//! Rust work that Go calls from many goroutines at once: per-item and batched
//! calls, long calls, a sized rayon pool, callbacks into Go from Rust threads,
//! and a long computation that Go can cancel through a shared atomic flag.
//!
//! Exports that run closures on other threads (the pool) catch panics, as the
//! error-mapping example explains; the rest are written so that they cannot panic.

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

// region: mix
/// SplitMix64's finaliser: a few nanoseconds of real work per item, so the
/// cost of a crossing is easy to see next to it.
pub fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
// endregion

/// A slice from a C pointer and length; NULL is the empty slice when `len` is 0.
///
/// # Safety
/// `ptr` is NULL with `len == 0`, or points to `len` readable `T`s that stay
/// valid and unmodified until the export returns.
unsafe fn slice<'a, T>(ptr: *const T, len: usize) -> &'a [T] {
    if len == 0 { &[] } else { unsafe { std::slice::from_raw_parts(ptr, len) } }
}

// region: per-item-and-batched
/// One item per call: every item pays for a whole crossing.
#[unsafe(no_mangle)]
pub extern "C" fn cc_mix(x: u64) -> u64 {
    mix(x)
}

/// Many items per call: the crossing is paid once for `n` items.
///
/// # Safety
/// `input` and `out` each point to `n` `u64`s (or are NULL with `n == 0`),
/// `out` writable; they must not overlap.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_mix_batch(input: *const u64, out: *mut u64, n: usize) {
    if n == 0 {
        return;
    }
    let input = unsafe { slice(input, n) };
    let out = unsafe { std::slice::from_raw_parts_mut(out, n) };
    for (o, &x) in out.iter_mut().zip(input) {
        *o = mix(x);
    }
}
// endregion

/// The wrapping sum of `mix` over `n` items, on the calling thread.
///
/// # Safety
/// `input` points to `n` readable `u64`s, or is NULL with `n == 0`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_mix_sum(input: *const u64, n: usize) -> u64 {
    unsafe { slice(input, n) }.iter().fold(0, |acc, &x| acc.wrapping_add(mix(x)))
}

/// Does nothing: the cost of a crossing alone.
#[unsafe(no_mangle)]
pub extern "C" fn cc_noop() {}

// region: in-rust-counter
static ACTIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// Counts the threads inside a counted export right now, and the most at once.
struct InRust;

impl InRust {
    fn enter() -> InRust {
        let now = ACTIVE.fetch_add(1, Ordering::SeqCst) + 1;
        PEAK.fetch_max(now, Ordering::SeqCst);
        InRust
    }
}

impl Drop for InRust {
    fn drop(&mut self) {
        ACTIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

/// How many threads are inside `cc_spin` or `cc_spin_for_ms` right now.
#[unsafe(no_mangle)]
pub extern "C" fn cc_active_calls() -> usize {
    ACTIVE.load(Ordering::SeqCst)
}

/// The most threads that were inside at once since the last reset; resets it.
#[unsafe(no_mangle)]
pub extern "C" fn cc_take_peak_calls() -> usize {
    PEAK.swap(ACTIVE.load(Ordering::SeqCst), Ordering::SeqCst)
}
// endregion

// region: spin
/// CPU-bound work proportional to `units` (about a nanosecond or two each).
#[unsafe(no_mangle)]
pub extern "C" fn cc_spin(units: u64) -> u64 {
    let _in = InRust::enter();
    (0..units).fold(0, |acc, i| acc ^ mix(i))
}

/// Keeps this OS thread busy in Rust for `ms` milliseconds of wall time: a
/// long call, as a big compression or a model inference would be.
#[unsafe(no_mangle)]
pub extern "C" fn cc_spin_for_ms(ms: u32) -> u64 {
    let _in = InRust::enter();
    let end = Instant::now() + Duration::from_millis(ms.into());
    let mut acc = 0;
    let mut i = 0u64;
    while Instant::now() < end {
        for _ in 0..1024 {
            acc ^= mix(i);
            i += 1;
        }
    }
    acc
}
// endregion

// region: rendezvous
/// A meeting point: `cc_rendezvous_wait` returns true once `n` threads are
/// waiting in it at the same time. Each waiting caller blocks its OS thread,
/// so if `n` goroutines all get through, Go had `n` threads inside Rust.
pub struct CcRendezvous {
    n: usize,
    arrived: Mutex<usize>,
    all_here: Condvar,
}

#[unsafe(no_mangle)]
pub extern "C" fn cc_rendezvous_new(n: usize) -> *mut CcRendezvous {
    Box::into_raw(Box::new(CcRendezvous { n, arrived: Mutex::new(0), all_here: Condvar::new() }))
}

/// Blocks until `n` callers are inside at once (true) or `timeout_ms` passes (false).
///
/// # Safety
/// `r` comes from `cc_rendezvous_new` and is not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_rendezvous_wait(r: *const CcRendezvous, timeout_ms: u32) -> bool {
    let r = unsafe { &*r };
    let Ok(mut arrived) = r.arrived.lock() else { return false };
    *arrived += 1;
    r.all_here.notify_all();
    let timeout = Duration::from_millis(timeout_ms.into());
    match r.all_here.wait_timeout_while(arrived, timeout, |a| *a < r.n) {
        Ok((_, result)) => !result.timed_out(),
        Err(_) => false,
    }
}

/// # Safety
/// `r` comes from `cc_rendezvous_new`, no thread is waiting in it, and it is freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_rendezvous_free(r: *mut CcRendezvous) {
    if !r.is_null() {
        drop(unsafe { Box::from_raw(r) });
    }
}
// endregion

// region: pool
/// A rayon pool with a fixed number of threads, built once and reused. Sizing
/// it explicitly, instead of rayon's global pool (one thread per CPU), is how
/// Go keeps Rust's threads and its own goroutines from fighting for the cores.
pub struct CcPool {
    pool: rayon::ThreadPool,
}

/// A pool of `threads` threads (at least 1), or NULL if it cannot be built.
#[unsafe(no_mangle)]
pub extern "C" fn cc_pool_new(threads: usize) -> *mut CcPool {
    let built = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .thread_name(|i| format!("cc-pool-{i}"))
        .build();
    match built {
        Ok(pool) => Box::into_raw(Box::new(CcPool { pool })),
        Err(_) => std::ptr::null_mut(),
    }
}

/// # Safety
/// `p` comes from `cc_pool_new`, no call is using it, and it is freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_pool_free(p: *mut CcPool) {
    if !p.is_null() {
        drop(unsafe { Box::from_raw(p) });
    }
}

/// The wrapping sum of `mix` over `n` items, split across the pool's threads.
/// The calling thread waits; it does not join in. Returns 0 after a panic.
///
/// # Safety
/// `p` is a live pool; `input` points to `n` readable `u64`s (or NULL with `n == 0`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_pool_mix_sum(p: *const CcPool, input: *const u64, n: usize) -> u64 {
    let (pool, input) = unsafe { (&(*p).pool, slice(input, n)) };
    let sum = || pool.install(|| input.par_iter().map(|&x| mix(x)).reduce(|| 0, u64::wrapping_add));
    panic::catch_unwind(AssertUnwindSafe(sum)).unwrap_or(0)
}
// endregion

// region: pool-per-call
/// The same sum, but building a fresh pool inside every call: `threads` OS
/// threads are spawned and told to exit each time. Kept to measure that mistake.
///
/// # Safety
/// As for `cc_pool_mix_sum`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_mix_sum_new_pool(threads: usize, input: *const u64, n: usize) -> u64 {
    let p = cc_pool_new(threads);
    if p.is_null() {
        return 0;
    }
    let sum = unsafe { cc_pool_mix_sum(p, input, n) };
    unsafe { cc_pool_free(p) };
    sum
}
// endregion

// region: callbacks
/// A Go function exported with `//export`, called back from Rust. `handle` is
/// a `runtime/cgo.Handle`: an integer that stands for a Go value, because Rust
/// may not hold Go pointers.
pub type CcVisitFn = extern "C" fn(handle: usize, index: u64, value: u64);

/// Calls `visit(handle, i, mix(i))` for every `i` below `n`, on the calling thread.
#[unsafe(no_mangle)]
pub extern "C" fn cc_visit(visit: CcVisitFn, handle: usize, n: u64) {
    for i in 0..n {
        visit(handle, i, mix(i));
    }
}

/// The same, from the pool's threads: Go code runs on threads Go did not create.
///
/// # Safety
/// `p` is a live pool.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_pool_visit(p: *const CcPool, visit: CcVisitFn, handle: usize, n: u64) {
    let pool = unsafe { &(*p).pool };
    let each = || pool.install(|| (0..n).into_par_iter().for_each(|i| visit(handle, i, mix(i))));
    let _ = panic::catch_unwind(AssertUnwindSafe(each));
}
// endregion

// region: cancel
/// How `cc_search` ended.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CcSearch {
    Found = 0,
    Cancelled = 1,
    Exhausted = 2,
}

/// Candidates checked between two looks at the cancel flag: often enough to
/// stop within microseconds, rarely enough to cost nothing measurable.
const CHECK_EVERY: u64 = 1 << 14;

/// Finds the smallest `i >= start` whose `mix(i)` has at least `zero_bits`
/// leading zero bits: about 2^zero_bits tries, so it can run for ever.
/// Stops early when `*cancel` becomes non-zero.
///
/// # Safety
/// `cancel` points to a 4-byte-aligned `u32` that stays valid until this call
/// returns and that everybody else only writes atomically (Go: `sync/atomic`).
/// `found` is valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_search(start: u64, zero_bits: u32, cancel: *const u32, found: *mut u64) -> CcSearch {
    // SAFETY: the caller promises an aligned u32 only accessed atomically meanwhile.
    let cancel = unsafe { AtomicU32::from_ptr(cancel.cast_mut()) };
    let mut i = start;
    loop {
        if cancel.load(Ordering::Relaxed) != 0 {
            return CcSearch::Cancelled;
        }
        let end = i.saturating_add(CHECK_EVERY);
        while i < end {
            if mix(i).leading_zeros() >= zero_bits {
                unsafe { *found = i };
                return CcSearch::Found;
            }
            i += 1;
        }
        if i == u64::MAX {
            return CcSearch::Exhausted;
        }
    }
}
// endregion

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU64;

    #[test]
    fn batch_matches_per_item() {
        let input: Vec<u64> = (0..1000).collect();
        let mut out = vec![0; input.len()];
        unsafe { cc_mix_batch(input.as_ptr(), out.as_mut_ptr(), input.len()) };
        for (i, &x) in input.iter().enumerate() {
            assert_eq!(out[i], cc_mix(x));
        }
    }

    #[test]
    fn known_mix_values() {
        // SplitMix64 seeded with 0 yields these as its first two outputs.
        assert_eq!(mix(0), 0xE220_A839_7B1D_CDAF);
        assert_eq!(mix(0x9E37_79B9_7F4A_7C15), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn pool_sum_matches_serial_for_any_pool_size() {
        let input: Vec<u64> = (0..100_000).map(|i| i * 7).collect();
        let serial = unsafe { cc_mix_sum(input.as_ptr(), input.len()) };
        for threads in [1, 2, 7] {
            let p = cc_pool_new(threads);
            assert_eq!(unsafe { cc_pool_mix_sum(p, input.as_ptr(), input.len()) }, serial);
            unsafe { cc_pool_free(p) };
            assert_eq!(unsafe { cc_mix_sum_new_pool(threads, input.as_ptr(), input.len()) }, serial);
        }
    }

    static VISITED: AtomicU64 = AtomicU64::new(0);
    extern "C" fn count(handle: usize, _index: u64, value: u64) {
        assert_eq!(handle, 42);
        VISITED.fetch_add(value & 1, Ordering::Relaxed);
    }

    #[test]
    fn visits_every_index_once_from_the_pool() {
        let odd = (0..5000).filter(|&i| mix(i) & 1 == 1).count() as u64;
        VISITED.store(0, Ordering::Relaxed);
        let p = cc_pool_new(3);
        unsafe { cc_pool_visit(p, count, 42, 5000) };
        unsafe { cc_pool_free(p) };
        assert_eq!(VISITED.load(Ordering::Relaxed), odd);
    }

    #[test]
    fn search_finds_the_first_match_and_stops_when_cancelled() {
        let flag = 0u32;
        let mut found = 0;
        let status = unsafe { cc_search(0, 12, &flag, &mut found) };
        assert_eq!(status, CcSearch::Found);
        assert!(mix(found).leading_zeros() >= 12);
        assert!((0..found).all(|i| mix(i).leading_zeros() < 12));

        let flag = 1u32;
        assert_eq!(unsafe { cc_search(0, 64, &flag, &mut found) }, CcSearch::Cancelled);
        assert_eq!(unsafe { cc_search(u64::MAX - 10, 64, &0, &mut found) }, CcSearch::Exhausted);
    }

    #[test]
    fn rendezvous_needs_everyone_at_once() {
        let r = cc_rendezvous_new(3) as usize;
        let all: Vec<bool> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..3)
                .map(|_| s.spawn(move || unsafe { cc_rendezvous_wait(r as *const CcRendezvous, 5000) }))
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(all, [true, true, true]);
        let alone = cc_rendezvous_new(2);
        assert!(!unsafe { cc_rendezvous_wait(alone, 10) });
        unsafe { cc_rendezvous_free(alone) };
        unsafe { cc_rendezvous_free(r as *mut CcRendezvous) };
    }
}
