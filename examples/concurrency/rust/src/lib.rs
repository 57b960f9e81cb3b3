//! Rust work that Go calls from many goroutines at once: per-item and batched
//! calls, long calls, a sized rayon pool, callbacks into Go from Rust threads,
//! and a long computation that Go can cancel through a shared atomic flag.
//!
//! Every export runs its body through `boundary::guard`, which catches panics
//! (on the calling thread or, through rayon, on the pool's threads) and
//! returns a `CcStatus`; results go to out-parameters.

use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

mod boundary;

pub use boundary::{CcStatus, cc_test_panic_in};
use boundary::{Out, byte_len, guard, items, items_mut, object};

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

/// Whether `[a, a + len)` and `[b, b + len)` share a byte; `None` if either
/// range runs past the end of the address space, which no allocation does.
fn overlap(a: usize, b: usize, len: usize) -> Option<bool> {
    Some(a < b.checked_add(len)? && b < a.checked_add(len)?)
}

// region: per-item-and-batched
/// One item per call: every item pays for a whole crossing.
///
/// # Safety
/// `out` is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_mix(x: u64, out: *mut u64) -> CcStatus {
    guard("cc_mix", || {
        // SAFETY: the caller promises NULL or a writable u64.
        unsafe { Out::new(out)? }.write(mix(x));
        Ok(())
    })
}

/// Many items per call: the crossing is paid once for `n` items. With
/// `input == out` it works in place; any other overlap is refused with
/// `CC_STATUS_OVERLAP` before a slice is made, because a shared and a mutable
/// slice over the same memory is undefined behaviour in Rust.
///
/// # Safety
/// `input` points to `n` readable `u64`s and `out` to `n` writable ones (either
/// may be NULL when `n == 0`), and nothing else touches them during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_mix_batch(input: *const u64, out: *mut u64, n: usize) -> CcStatus {
    guard("cc_mix_batch", || {
        if input == out.cast_const() {
            // SAFETY: the caller promises n writable u64s at out, touched by nobody else.
            let xs = unsafe { items_mut(out, n)? };
            xs.iter_mut().for_each(|x| *x = mix(*x));
            return Ok(());
        }
        if overlap(input.addr(), out.addr(), byte_len::<u64>(n)?).ok_or(CcStatus::TooLong)? {
            return Err(CcStatus::Overlap);
        }
        // SAFETY: the two ranges are disjoint (checked), so the shared and the
        // mutable slice never alias; the caller promises each is valid.
        let (input, out) = unsafe { (items(input, n)?, items_mut(out, n)?) };
        for (o, &x) in out.iter_mut().zip(input) {
            *o = mix(x);
        }
        Ok(())
    })
}
// endregion

/// The wrapping sum of `mix` over `n` items, on the calling thread.
///
/// # Safety
/// `input` points to `n` readable `u64`s (or is NULL with `n == 0`); `sum` is
/// NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_mix_sum(input: *const u64, n: usize, sum: *mut u64) -> CcStatus {
    guard("cc_mix_sum", || {
        // SAFETY: the caller promises NULL or a writable u64, and n readable u64s.
        let (sum, input) = unsafe { (Out::new(sum)?, items(input, n)?) };
        sum.write(input.iter().fold(0, |acc, &x| acc.wrapping_add(mix(x))));
        Ok(())
    })
}

/// Does nothing but return: the cost of a guarded crossing alone.
#[unsafe(no_mangle)]
pub extern "C" fn cc_noop() -> CcStatus {
    guard("cc_noop", || Ok(()))
}

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
///
/// # Safety
/// `out` is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_active_calls(out: *mut usize) -> CcStatus {
    guard("cc_active_calls", || {
        // SAFETY: the caller promises NULL or a writable usize.
        unsafe { Out::new(out)? }.write(ACTIVE.load(Ordering::SeqCst));
        Ok(())
    })
}

/// The most threads that were inside at once since the last reset; resets it.
///
/// # Safety
/// `out` is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_take_peak_calls(out: *mut usize) -> CcStatus {
    guard("cc_take_peak_calls", || {
        // SAFETY: the caller promises NULL or a writable usize.
        let out = unsafe { Out::new(out)? };
        out.write(PEAK.swap(ACTIVE.load(Ordering::SeqCst), Ordering::SeqCst));
        Ok(())
    })
}
// endregion

// region: spin
/// CPU-bound work proportional to `units` (about a nanosecond or two each).
///
/// # Safety
/// `out` is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_spin(units: u64, out: *mut u64) -> CcStatus {
    guard("cc_spin", || {
        // SAFETY: the caller promises NULL or a writable u64.
        let out = unsafe { Out::new(out)? };
        let _in = InRust::enter();
        out.write((0..units).fold(0, |acc, i| acc ^ mix(i)));
        Ok(())
    })
}

/// Keeps this OS thread busy in Rust for `ms` milliseconds of wall time: a
/// long call, as a big compression or a model inference would be.
///
/// # Safety
/// `out` is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_spin_for_ms(ms: u32, out: *mut u64) -> CcStatus {
    guard("cc_spin_for_ms", || {
        // SAFETY: the caller promises NULL or a writable u64.
        let out = unsafe { Out::new(out)? };
        let _in = InRust::enter();
        let end = Instant::now() + Duration::from_millis(ms.into());
        let (mut acc, mut i) = (0, 0u64);
        while Instant::now() < end {
            for _ in 0..1024 {
                acc ^= mix(i);
                i = i.wrapping_add(1);
            }
        }
        out.write(acc);
        Ok(())
    })
}
// endregion

// region: rendezvous
/// A meeting point: `cc_rendezvous_wait` returns `CC_STATUS_OK` once `n`
/// threads are waiting in it at the same time. Each waiting caller blocks its
/// OS thread, so if `n` goroutines all get through, Go had `n` threads inside Rust.
pub struct CcRendezvous {
    n: usize,
    arrived: Mutex<usize>,
    all_here: Condvar,
}

/// A rendezvous for `n` threads, written to `*out`; free it with `cc_rendezvous_free`.
///
/// # Safety
/// `out` is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_rendezvous_new(n: usize, out: *mut *mut CcRendezvous) -> CcStatus {
    guard("cc_rendezvous_new", || {
        // SAFETY: the caller promises NULL or a writable pointer.
        let out = unsafe { Out::new(out)? };
        let r = CcRendezvous {
            n,
            arrived: Mutex::new(0),
            all_here: Condvar::new(),
        };
        out.write(Box::into_raw(Box::new(r)));
        Ok(())
    })
}

/// Blocks until `n` callers are inside at once (`CC_STATUS_OK`) or
/// `timeout_ms` passes (`CC_STATUS_TIMED_OUT`).
///
/// # Safety
/// `r` is NULL or comes from `cc_rendezvous_new` and is not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_rendezvous_wait(r: *const CcRendezvous, timeout_ms: u32) -> CcStatus {
    guard("cc_rendezvous_wait", || {
        // SAFETY: the caller promises NULL or a live rendezvous.
        let r = unsafe { object(r)? };
        // A poisoned lock means a waiter panicked: report it as the panic it was.
        let mut arrived = r.arrived.lock().map_err(|_| CcStatus::Panic)?;
        *arrived += 1;
        r.all_here.notify_all();
        let timeout = Duration::from_millis(timeout_ms.into());
        let waited = r
            .all_here
            .wait_timeout_while(arrived, timeout, |a| *a < r.n);
        let (_arrived, result) = waited.map_err(|_| CcStatus::Panic)?;
        if result.timed_out() {
            Err(CcStatus::TimedOut)
        } else {
            Ok(())
        }
    })
}

/// Frees a rendezvous; NULL is a no-op.
///
/// # Safety
/// `r` is NULL, or comes from `cc_rendezvous_new`, no thread is waiting in it,
/// and it is freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_rendezvous_free(r: *mut CcRendezvous) -> CcStatus {
    guard("cc_rendezvous_free", || {
        if !r.is_aligned() {
            return Err(CcStatus::BadPointer);
        }
        if !r.is_null() {
            // SAFETY: the caller promises a pointer from cc_rendezvous_new, freed once.
            drop(unsafe { Box::from_raw(r) });
        }
        Ok(())
    })
}
// endregion

// region: pool
/// A rayon pool with a fixed number of threads, built once and reused. Sizing
/// it explicitly, instead of rayon's global pool (one thread per CPU), is how
/// Go keeps Rust's threads and its own goroutines from fighting for the cores.
pub struct CcPool {
    pool: rayon::ThreadPool,
}

fn build_pool(threads: usize) -> Result<rayon::ThreadPool, CcStatus> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .thread_name(|i| format!("cc-pool-{i}"))
        .build()
        .map_err(|_| CcStatus::NoPool)
}

/// The wrapping sum of `mix` over `input`, split across `pool`'s threads. The
/// calling thread waits; it does not join in. A panic on a pool thread comes
/// back out of `install` on the calling thread, where the guard catches it.
fn pool_sum(pool: &rayon::ThreadPool, input: &[u64]) -> u64 {
    pool.install(|| {
        input
            .par_iter()
            .map(|&x| mix(x))
            .reduce(|| 0, u64::wrapping_add)
    })
}

/// A pool of `threads` threads (at least 1), written to `*out`.
///
/// # Safety
/// `out` is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_pool_new(threads: usize, out: *mut *mut CcPool) -> CcStatus {
    guard("cc_pool_new", || {
        // SAFETY: the caller promises NULL or a writable pointer.
        let out = unsafe { Out::new(out)? };
        let pool = build_pool(threads)?;
        LIVE_POOLS.fetch_add(1, Ordering::SeqCst);
        out.write(Box::into_raw(Box::new(CcPool { pool })));
        Ok(())
    })
}

/// Frees a pool; its threads exit in the background. NULL is a no-op.
///
/// # Safety
/// `p` is NULL, or comes from `cc_pool_new`, no call is using it, and it is freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_pool_free(p: *mut CcPool) -> CcStatus {
    guard("cc_pool_free", || {
        if !p.is_aligned() {
            return Err(CcStatus::BadPointer);
        }
        if !p.is_null() {
            // SAFETY: the caller promises a pointer from cc_pool_new that no call uses, freed once.
            drop(unsafe { Box::from_raw(p) });
            LIVE_POOLS.fetch_sub(1, Ordering::SeqCst);
        }
        Ok(())
    })
}

/// The wrapping sum of `mix` over `n` items, split across the pool's threads.
///
/// # Safety
/// `p` is NULL or a live pool; `input` points to `n` readable `u64`s (or is
/// NULL with `n == 0`); `sum` is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_pool_mix_sum(
    p: *const CcPool,
    input: *const u64,
    n: usize,
    sum: *mut u64,
) -> CcStatus {
    guard("cc_pool_mix_sum", || {
        // SAFETY: the caller promises each pointer NULL or valid, as documented.
        let (p, input, sum) = unsafe { (object(p)?, items(input, n)?, Out::new(sum)?) };
        sum.write(pool_sum(&p.pool, input));
        Ok(())
    })
}
// endregion

// region: pool-per-call
/// The same sum, but building a fresh pool inside every call: `threads` OS
/// threads are spawned and told to exit each time. Kept to measure that mistake.
///
/// # Safety
/// `input` points to `n` readable `u64`s (or is NULL with `n == 0`); `sum` is
/// NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_mix_sum_new_pool(
    threads: usize,
    input: *const u64,
    n: usize,
    sum: *mut u64,
) -> CcStatus {
    guard("cc_mix_sum_new_pool", || {
        // SAFETY: the caller promises each pointer NULL or valid, as documented.
        let (input, sum) = unsafe { (items(input, n)?, Out::new(sum)?) };
        sum.write(pool_sum(&build_pool(threads)?, input));
        Ok(())
    })
}
// endregion

/// Pools made by `cc_pool_new` and not yet freed: lets a test watch a
/// forgotten pool being freed by Go's cleanup.
static LIVE_POOLS: AtomicUsize = AtomicUsize::new(0);

/// How many pools exist (made by `cc_pool_new`, not yet freed).
///
/// # Safety
/// `out` is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_live_pools(out: *mut usize) -> CcStatus {
    guard("cc_live_pools", || {
        // SAFETY: the caller promises NULL or a writable usize.
        unsafe { Out::new(out)? }.write(LIVE_POOLS.load(Ordering::SeqCst));
        Ok(())
    })
}

// region: callbacks
/// A Go function exported with `//export`, called back from Rust. `handle` is
/// a `runtime/cgo.Handle`: an integer that stands for a Go value, because Rust
/// may not hold Go pointers. It returns `CC_STATUS_OK` to go on; any other
/// status stops the visit, and the export returns it. `Option` makes it a
/// nullable C function pointer, so Rust can refuse NULL instead of calling it.
pub type CcVisitFn = Option<extern "C" fn(handle: usize, index: u64, value: u64) -> CcStatus>;

fn visit_one(
    visit: extern "C" fn(usize, u64, u64) -> CcStatus,
    handle: usize,
    i: u64,
) -> Result<(), CcStatus> {
    match visit(handle, i, mix(i)) {
        CcStatus::Ok => Ok(()),
        stop => Err(stop),
    }
}

/// Calls `visit(handle, i, mix(i))` for every `i` below `n`, in order, on the
/// calling thread, until a call returns another status than `CC_STATUS_OK`.
///
/// # Safety
/// `visit` is NULL or a function that returns a `CcStatus` value.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_visit(visit: CcVisitFn, handle: usize, n: u64) -> CcStatus {
    guard("cc_visit", || {
        let visit = visit.ok_or(CcStatus::BadPointer)?;
        (0..n).try_for_each(|i| visit_one(visit, handle, i))
    })
}

/// The same, from the pool's threads: Go code runs on threads Go did not
/// create. A stop ends the visit early, as soon as each thread notices.
///
/// # Safety
/// `p` is NULL or a live pool; `visit` is NULL or a function that returns a
/// `CcStatus` value and may be called from several threads at once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_pool_visit(
    p: *const CcPool,
    visit: CcVisitFn,
    handle: usize,
    n: u64,
) -> CcStatus {
    guard("cc_pool_visit", || {
        // SAFETY: the caller promises NULL or a live pool.
        let p = unsafe { object(p)? };
        let visit = visit.ok_or(CcStatus::BadPointer)?;
        p.pool.install(|| {
            (0..n)
                .into_par_iter()
                .try_for_each(|i| visit_one(visit, handle, i))
        })
    })
}
// endregion

// region: cancel
/// Candidates checked between two looks at the cancel flag: often enough to
/// stop within microseconds, rarely enough to cost nothing measurable.
const CHECK_EVERY: u64 = 1 << 14;

/// Finds the smallest `i >= start` whose `mix(i)` has at least `zero_bits`
/// leading zero bits (about 2^zero_bits tries, so it can run for ever) and
/// writes it to `*found`. Returns `CC_STATUS_CANCELLED` once `*cancel`
/// becomes non-zero, and `CC_STATUS_EXHAUSTED` if no `i` below 2^64 matches.
///
/// # Safety
/// `cancel` is NULL or points to a 4-byte-aligned `u32` that stays valid until
/// this call returns and that everybody else only writes atomically (Go:
/// `sync/atomic`). `found` is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cc_search(
    start: u64,
    zero_bits: u32,
    cancel: *const u32,
    found: *mut u64,
) -> CcStatus {
    guard("cc_search", || {
        // SAFETY: the caller promises NULL or a writable u64.
        let found = unsafe { Out::new(found)? };
        if cancel.is_null() || !cancel.is_aligned() {
            return Err(CcStatus::BadPointer);
        }
        // SAFETY: non-NULL and aligned (checked); the caller promises a valid u32
        // that others access only atomically meanwhile.
        let cancel = unsafe { AtomicU32::from_ptr(cancel.cast_mut()) };
        let mut i = start;
        loop {
            if cancel.load(Ordering::Relaxed) != 0 {
                return Err(CcStatus::Cancelled);
            }
            let end = i.saturating_add(CHECK_EVERY);
            while i < end {
                if mix(i).leading_zeros() >= zero_bits {
                    found.write(i);
                    return Ok(());
                }
                i += 1;
            }
            if i == u64::MAX {
                return Err(CcStatus::Exhausted);
            }
        }
    })
}
// endregion

#[cfg(test)]
mod tests;
