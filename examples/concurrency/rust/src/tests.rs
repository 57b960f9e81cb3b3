//! Each export called as C would call it: good input, NULL, zero length,
//! overlapping and oversized input. `cargo miri test` runs these too, so a
//! slice made over memory it must not cover is reported as undefined behaviour.

use super::*;
use std::ptr::{null, null_mut};
use std::sync::atomic::{AtomicU32, AtomicU64};

/// Small under Miri, which interprets every instruction.
const N: usize = if cfg!(miri) { 64 } else { 10_000 };

fn input() -> Vec<u64> {
    (0..N as u64)
        .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .collect()
}

fn mix_one(x: u64) -> u64 {
    let mut out = 0;
    // SAFETY: out is a live local u64.
    assert_eq!(unsafe { cc_mix(x, &mut out) }, CcStatus::Ok);
    out
}

fn sum(input: &[u64]) -> u64 {
    let mut out = 0;
    // SAFETY: input is a live slice of the length passed; out is a live local.
    let status = unsafe { cc_mix_sum(input.as_ptr(), input.len(), &mut out) };
    assert_eq!(status, CcStatus::Ok);
    out
}

fn new_pool(threads: usize) -> *mut CcPool {
    let mut p = null_mut();
    // SAFETY: p is a live local pointer to write to.
    assert_eq!(unsafe { cc_pool_new(threads, &mut p) }, CcStatus::Ok);
    p
}

#[test]
fn known_mix_values() {
    // SplitMix64 seeded with 0 yields these as its first two outputs.
    assert_eq!(mix(0), 0xE220_A839_7B1D_CDAF);
    assert_eq!(mix(0x9E37_79B9_7F4A_7C15), 0x6E78_9E6A_A1B9_65F4);
}

#[test]
fn batch_matches_per_item() {
    let input = input();
    let mut out = vec![0; input.len()];
    // SAFETY: two distinct live vectors of the length passed.
    let status = unsafe { cc_mix_batch(input.as_ptr(), out.as_mut_ptr(), input.len()) };
    assert_eq!(status, CcStatus::Ok);
    assert!(input.iter().zip(&out).all(|(&x, &o)| o == mix_one(x)));
}

#[test]
fn batch_works_in_place_on_the_same_slice() {
    let input = input();
    let mut xs = input.clone();
    let p = xs.as_mut_ptr(); // one pointer for both arguments, as Go's MixBatch(xs, xs) passes
    // SAFETY: p points to xs.len() live u64s that nothing else touches during the call.
    assert_eq!(unsafe { cc_mix_batch(p, p, xs.len()) }, CcStatus::Ok);
    assert!(input.iter().zip(&xs).all(|(&x, &o)| o == mix(x)));
}

// region: overlap-test
#[test]
fn batch_refuses_a_partial_overlap_before_making_a_slice() {
    let mut xs = input();
    let before = xs.clone();
    let p = xs.as_mut_ptr();
    let n = xs.len() - 1;
    // SAFETY: p.add(1) stays inside xs, and both ranges of n items lie inside
    // xs; the export must refuse them without making a slice.
    unsafe {
        // out one item after input, then input one item after out
        assert_eq!(cc_mix_batch(p, p.add(1), n), CcStatus::Overlap);
        assert_eq!(cc_mix_batch(p.add(1), p, n), CcStatus::Overlap);
    }
    assert_eq!(xs, before);
    // Adjacent halves share no byte: allowed.
    let half = xs.len() / 2;
    // SAFETY: xs has 2 * half items, so both halves are in bounds, and disjoint.
    assert_eq!(unsafe { cc_mix_batch(p, p.add(half), half) }, CcStatus::Ok);
}
// endregion

#[test]
fn null_is_refused_unless_the_length_is_zero() {
    let mut out = [7u64; 3];
    let input = [1u64, 2, 3];
    // SAFETY: every pointer is NULL or points to live locals of the length
    // passed; the exports must refuse NULL where memory is needed.
    unsafe {
        assert_eq!(
            cc_mix_batch(null(), out.as_mut_ptr(), 3),
            CcStatus::BadPointer
        );
        assert_eq!(
            cc_mix_batch(input.as_ptr(), null_mut(), 3),
            CcStatus::BadPointer
        );
        assert_eq!(cc_mix_batch(null(), null_mut(), 3), CcStatus::BadPointer);
        // Go passes NULL for a nil slice: with length 0 that is an empty batch.
        assert_eq!(cc_mix_batch(null(), null_mut(), 0), CcStatus::Ok);
        assert_eq!(cc_mix_batch(null(), out.as_mut_ptr(), 0), CcStatus::Ok);
        let mut s = 1;
        assert_eq!(cc_mix_sum(null(), 0, &mut s), CcStatus::Ok);
        assert_eq!(s, 0);
        assert_eq!(cc_mix_sum(null(), 3, &mut s), CcStatus::BadPointer);
        assert_eq!(
            cc_mix_sum(input.as_ptr(), 3, null_mut()),
            CcStatus::BadPointer
        );
        assert_eq!(cc_mix(1, null_mut()), CcStatus::BadPointer);
        assert_eq!(cc_spin(1, null_mut()), CcStatus::BadPointer);
        assert_eq!(cc_spin_for_ms(0, null_mut()), CcStatus::BadPointer);
        assert_eq!(cc_active_calls(null_mut()), CcStatus::BadPointer);
        assert_eq!(cc_take_peak_calls(null_mut()), CcStatus::BadPointer);
        assert_eq!(cc_live_pools(null_mut()), CcStatus::BadPointer);
        assert_eq!(cc_test_panic_in(null()), CcStatus::BadPointer);
    }
    assert_eq!(out, [7; 3]);
}

#[test]
fn oversized_and_misaligned_input_is_refused() {
    let mut out = [0u64; 2];
    let input = [1u64, 2];
    let too_many = isize::MAX as usize / 8 + 1;
    let mut s = 0;
    // SAFETY: the pointers are live locals (or misaligned ones inside them);
    // the lengths are too large for any allocation, or the pointers
    // misaligned, and the exports must refuse both before reading anything.
    unsafe {
        let (i, o) = (input.as_ptr(), out.as_mut_ptr());
        assert_eq!(cc_mix_batch(i, o, too_many), CcStatus::TooLong);
        assert_eq!(cc_mix_batch(i, o, usize::MAX), CcStatus::TooLong);
        assert_eq!(cc_mix_batch(o, o, usize::MAX), CcStatus::TooLong);
        assert_eq!(cc_mix_sum(i, too_many, &mut s), CcStatus::TooLong);
        assert_eq!(
            cc_mix_sum_new_pool(1, i, too_many, &mut s),
            CcStatus::TooLong
        );

        let odd = i.cast::<u8>().add(1).cast::<u64>();
        assert_eq!(cc_mix_sum(odd, 1, &mut s), CcStatus::BadPointer);
        let odd_out = o.cast::<u8>().add(1).cast::<u64>();
        assert_eq!(cc_mix(1, odd_out), CcStatus::BadPointer);
    }
    assert_eq!(out, [0; 2]);
}

#[test]
fn pool_exports_refuse_null_before_building_a_pool() {
    let input = [1u64, 2, 3];
    let mut s = 0;
    // SAFETY: every pointer is NULL, a live local of the length passed, or
    // misaligned, which the frees must refuse before any access.
    unsafe {
        assert_eq!(cc_pool_new(1, null_mut()), CcStatus::BadPointer);
        assert_eq!(
            cc_pool_mix_sum(null(), null(), 0, &mut s),
            CcStatus::BadPointer
        );
        assert_eq!(
            cc_pool_visit(null(), Some(count), 42, 1),
            CcStatus::BadPointer
        );
        assert_eq!(cc_pool_free(null_mut()), CcStatus::Ok);
        let odd = input.as_ptr().cast::<u8>().wrapping_add(1).cast_mut();
        assert_eq!(cc_pool_free(odd.cast()), CcStatus::BadPointer);
        assert_eq!(cc_rendezvous_free(odd.cast()), CcStatus::BadPointer);
        assert_eq!(
            cc_mix_sum_new_pool(1, null(), 3, &mut s),
            CcStatus::BadPointer
        );
        assert_eq!(
            cc_mix_sum_new_pool(1, input.as_ptr(), 3, null_mut()),
            CcStatus::BadPointer
        );
    }
}

// Tests that build a rayon pool cannot run under Miri: rayon's deques use
// crossbeam-epoch, which breaks Stacked Borrows, Miri's default aliasing model
// (crossbeam-rs/crossbeam#545). The pool exports' checks that come before a
// pool is needed run above.

#[test]
#[cfg_attr(
    miri,
    ignore = "crossbeam-epoch in rayon's pool fails Stacked Borrows (crossbeam-rs/crossbeam#545)"
)]
fn pool_checks_its_arguments() {
    let input = [1u64, 2];
    let too_many = isize::MAX as usize / 8 + 1;
    let mut s = 0;
    let p = new_pool(1);
    // SAFETY: p is a live pool freed once, after its last use; the other
    // pointers are NULL or live locals, and the lengths are refused unread.
    unsafe {
        assert_eq!(
            cc_pool_mix_sum(p, input.as_ptr(), too_many, &mut s),
            CcStatus::TooLong
        );
        assert_eq!(cc_pool_mix_sum(p, null(), 1, &mut s), CcStatus::BadPointer);
        assert_eq!(
            cc_pool_mix_sum(p, null(), 0, null_mut()),
            CcStatus::BadPointer
        );
        assert_eq!(cc_pool_visit(p, None, 42, 1), CcStatus::BadPointer);
        assert_eq!(cc_pool_free(p), CcStatus::Ok);
    }
}

#[test]
#[cfg_attr(
    miri,
    ignore = "crossbeam-epoch in rayon's pool fails Stacked Borrows (crossbeam-rs/crossbeam#545)"
)]
fn pool_sum_matches_serial_for_any_pool_size() {
    let input = input();
    let serial = sum(&input);
    for threads in [1, 2, 7] {
        let p = new_pool(threads);
        let (mut pooled, mut fresh, mut empty) = (0, 0, 1);
        // SAFETY: p is a live pool freed once, after its last use; the other
        // pointers are live locals of the lengths passed.
        unsafe {
            assert_eq!(
                cc_pool_mix_sum(p, input.as_ptr(), input.len(), &mut pooled),
                CcStatus::Ok
            );
            assert_eq!(cc_pool_mix_sum(p, null(), 0, &mut empty), CcStatus::Ok);
            assert_eq!(cc_pool_free(p), CcStatus::Ok);
            let status = cc_mix_sum_new_pool(threads, input.as_ptr(), input.len(), &mut fresh);
            assert_eq!(status, CcStatus::Ok);
        }
        assert_eq!((pooled, fresh, empty), (serial, serial, 0));
    }
}

static VISITED: AtomicU64 = AtomicU64::new(0);
extern "C" fn count(handle: usize, _index: u64, value: u64) -> CcStatus {
    assert_eq!(handle, 42);
    VISITED.fetch_add(value & 1, Ordering::Relaxed);
    CcStatus::Ok
}

#[test]
#[cfg_attr(
    miri,
    ignore = "crossbeam-epoch in rayon's pool fails Stacked Borrows (crossbeam-rs/crossbeam#545)"
)]
fn visits_every_index_once_from_the_pool() {
    let n = N as u64;
    let odd = (0..n).filter(|&i| mix(i) & 1 == 1).count() as u64;
    VISITED.store(0, Ordering::Relaxed);
    let p = new_pool(3);
    // SAFETY: p is a live pool, freed once after its last use; count is thread-safe.
    unsafe {
        assert_eq!(cc_pool_visit(p, Some(count), 42, n), CcStatus::Ok);
        assert_eq!(cc_pool_free(p), CcStatus::Ok);
    }
    assert_eq!(VISITED.load(Ordering::Relaxed), odd);
}

extern "C" fn stop_at_10(_handle: usize, index: u64, _value: u64) -> CcStatus {
    if index == 10 {
        CcStatus::BadHandle
    } else {
        CcStatus::Ok
    }
}

#[test]
fn a_callback_status_stops_the_visit_and_comes_back() {
    // SAFETY: stop_at_10 returns CcStatus values.
    unsafe {
        assert_eq!(cc_visit(Some(stop_at_10), 0, 100), CcStatus::BadHandle);
        assert_eq!(cc_visit(Some(stop_at_10), 0, 10), CcStatus::Ok);
        assert_eq!(cc_visit(None, 0, 10), CcStatus::BadPointer);
    }
}

#[test]
#[cfg_attr(
    miri,
    ignore = "crossbeam-epoch in rayon's pool fails Stacked Borrows (crossbeam-rs/crossbeam#545)"
)]
fn a_callback_status_stops_a_pool_visit_and_comes_back() {
    let p = new_pool(2);
    // SAFETY: stop_at_10 returns CcStatus values and is thread-safe; p is a
    // live pool, freed once after its last use.
    unsafe {
        assert_eq!(
            cc_pool_visit(p, Some(stop_at_10), 0, 100),
            CcStatus::BadHandle
        );
        assert_eq!(cc_pool_free(p), CcStatus::Ok);
    }
}

#[test]
fn search_finds_the_first_match_and_stops_when_cancelled() {
    // The flag is shared mutable memory, as Go's is: Rust reads it as an
    // AtomicU32, which a pointer derived from a `&u32` would not allow.
    let (clear, set) = (AtomicU32::new(0), AtomicU32::new(1));
    let mut found = 0;
    // SAFETY: the flag is a live atomic; found is a live local.
    let status = unsafe { cc_search(0, 12, clear.as_ptr(), &mut found) };
    assert_eq!(status, CcStatus::Ok);
    assert!(mix(found).leading_zeros() >= 12);
    assert!((0..found).all(|i| mix(i).leading_zeros() < 12));
    let flags = [AtomicU32::new(0), AtomicU32::new(0)];
    let odd = flags.as_ptr().cast::<u8>().wrapping_add(1).cast::<u32>();
    // SAFETY: each pointer is NULL, a live local, or misaligned inside one;
    // the export must refuse NULL and misalignment before any access.
    unsafe {
        assert_eq!(
            cc_search(0, 64, set.as_ptr(), &mut found),
            CcStatus::Cancelled
        );
        let status = cc_search(u64::MAX - 10, 64, clear.as_ptr(), &mut found);
        assert_eq!(status, CcStatus::Exhausted);
        assert_eq!(cc_search(0, 12, null(), &mut found), CcStatus::BadPointer);
        assert_eq!(
            cc_search(0, 12, clear.as_ptr(), null_mut()),
            CcStatus::BadPointer
        );
        assert_eq!(cc_search(0, 12, odd, &mut found), CcStatus::BadPointer);
    }
}

#[test]
fn rendezvous_needs_everyone_at_once() {
    let mut r = null_mut();
    // SAFETY: r is a live local pointer to write to.
    assert_eq!(unsafe { cc_rendezvous_new(3, &mut r) }, CcStatus::Ok);
    // SAFETY: r comes from cc_rendezvous_new and is freed only below, after
    // every waiter has been joined.
    let shared: &CcRendezvous = unsafe { &*r };
    let wait = || {
        // SAFETY: as above: shared outlives the scoped threads.
        unsafe { cc_rendezvous_wait(shared, 5000) }
    };
    let all: Vec<CcStatus> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..3).map(|_| s.spawn(wait)).collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(all, [CcStatus::Ok; 3]);
    let mut alone = null_mut();
    // SAFETY: alone and r come from cc_rendezvous_new, nobody waits in them
    // when they are freed, once each; the other pointers are NULL.
    unsafe {
        assert_eq!(cc_rendezvous_new(2, &mut alone), CcStatus::Ok);
        assert_eq!(cc_rendezvous_wait(alone, 10), CcStatus::TimedOut);
        assert_eq!(cc_rendezvous_wait(null(), 10), CcStatus::BadPointer);
        assert_eq!(cc_rendezvous_new(2, null_mut()), CcStatus::BadPointer);
        assert_eq!(cc_rendezvous_free(alone), CcStatus::Ok);
        assert_eq!(cc_rendezvous_free(r), CcStatus::Ok);
        assert_eq!(cc_rendezvous_free(null_mut()), CcStatus::Ok);
    }
}

#[test]
fn counters_and_spins_report_through_out_parameters() {
    let (mut active, mut peak, mut live, mut v) = (usize::MAX, 0, usize::MAX, 0);
    // SAFETY: every out-parameter is a live local.
    unsafe {
        assert_eq!(cc_spin(100, &mut v), CcStatus::Ok);
        assert_eq!(v, (0..100).fold(0, |acc, i| acc ^ mix(i)));
        assert_eq!(cc_spin_for_ms(1, &mut v), CcStatus::Ok);
        assert_eq!(cc_active_calls(&mut active), CcStatus::Ok);
        assert_eq!(cc_take_peak_calls(&mut peak), CcStatus::Ok);
        assert_eq!(cc_live_pools(&mut live), CcStatus::Ok);
    }
    assert_ne!(active, usize::MAX); // other tests may be spinning: any count is fine
    assert_ne!(live, usize::MAX);
}

// Only this test calls cc_noop, so arming the hook for it cannot fire in a
// test running in parallel.
#[test]
fn the_test_hook_fires_once_inside_the_guard() {
    let arm = |name: &std::ffi::CStr| {
        // SAFETY: a C string literal is NUL-terminated and static.
        unsafe { cc_test_panic_in(name.as_ptr()) }
    };
    assert_eq!(cc_noop(), CcStatus::Ok);
    assert_eq!(arm(c"cc_noop"), CcStatus::Ok);
    assert_eq!(cc_noop(), CcStatus::Panic);
    assert_eq!(cc_noop(), CcStatus::Ok);
    // Armed for itself, the hook's next call panics instead of arming.
    assert_eq!(arm(c"cc_test_panic_in"), CcStatus::Ok);
    assert_eq!(arm(c"cc_noop"), CcStatus::Panic);
    assert_eq!(cc_noop(), CcStatus::Ok);
}
