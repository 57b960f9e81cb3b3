//! A word tally that lives in Rust and is used from Go through an opaque handle.
//!
//! Who owns what, export by export:
//! - `oh_tally_new` hands Go a heap object; Go gives it back to `oh_tally_free`, once.
//! - Strings Go passes in are borrowed for the duration of the call; Rust copies what it keeps.
//! - Strings Rust returns belong to Go until Go passes them to `oh_string_free`.
//!
//! Every export returns an [`OhStatus`] and writes its result through an out
//! pointer, and runs its body inside [`guard`], so a panic comes back to Go as
//! `OH_STATUS_PANIC` instead of aborting the process.

use std::collections::{BTreeSet, HashMap};
use std::ffi::{CStr, CString, c_char};
use std::panic::{self, UnwindSafe};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

mod test_hook;

// region: object
/// The object behind a Go `*Tally`. It is not `#[repr(C)]`: Go never sees its
/// fields, so cbindgen declares it as an opaque struct and its layout stays Rust's business.
pub struct OhTally {
    counts: HashMap<String, u64>,
}
// endregion

// region: status
/// What every export returns. `#[repr(i32)]` fixes the values: they are ABI.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OhStatus {
    Ok = 0,
    /// A pointer argument was NULL where the contract requires one.
    NullPointer = 1,
    /// The word is not valid UTF-8 or contains a NUL byte (a word must survive
    /// the trip back as a C string).
    InvalidWord = 2,
    /// A length beyond `isize::MAX`: no such buffer can exist.
    TooLong = 3,
    /// Rust panicked; the panic was caught at the boundary. Out pointers are
    /// left as they were.
    Panic = 4,
}

/// Runs an export's body with panics caught, so that none reaches the edge of
/// an `extern "C"` function, where Rust aborts the whole Go process.
fn guard(export: &str, body: impl FnOnce() -> Result<(), OhStatus> + UnwindSafe) -> OhStatus {
    match panic::catch_unwind(|| {
        test_hook::panic_if_armed(export);
        body()
    }) {
        Ok(Ok(())) => OhStatus::Ok,
        Ok(Err(status)) => status,
        Err(_) => OhStatus::Panic,
    }
}
// endregion

// region: live-registry
/// Addresses of the tallies that exist right now. Instrumentation only: tests read
/// it to watch frees happen without valgrind. It cannot make a stale pointer safe
/// (the allocator reuses a freed address for the next object), so only
/// `oh_tally_distinct_after`, a test aid, consults it.
static LIVE: Mutex<BTreeSet<usize>> = Mutex::new(BTreeSet::new());

/// A panic elsewhere while the lock was held leaves the set intact: use it.
fn live() -> MutexGuard<'static, BTreeSet<usize>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Writes how many tallies exist right now (made by `oh_tally_new`, not yet freed) to `*out`.
///
/// # Safety
/// `out` must be NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_live_tallies(out: *mut usize) -> OhStatus {
    guard("oh_live_tallies", || {
        // SAFETY: the caller passes NULL or a writable pointer.
        *unsafe { out_arg(out) }? = live().len();
        Ok(())
    })
}
// endregion

// region: args
/// A required out pointer.
///
/// # Safety
/// `ptr` must be NULL or valid for writes, and not alias another argument.
unsafe fn out_arg<'a, T>(ptr: *mut T) -> Result<&'a mut T, OhStatus> {
    // SAFETY: the caller promises NULL or a valid pointer.
    unsafe { ptr.as_mut() }.ok_or(OhStatus::NullPointer)
}

/// The tally behind a handle, shared.
///
/// # Safety
/// `tally` must be NULL or a live pointer from `oh_tally_new` that no call is changing.
unsafe fn tally_ref<'a>(tally: *const OhTally) -> Result<&'a OhTally, OhStatus> {
    // SAFETY: the caller promises NULL or a live tally.
    unsafe { tally.as_ref() }.ok_or(OhStatus::NullPointer)
}

/// The tally behind a handle, exclusive.
///
/// # Safety
/// `tally` must be NULL or a live pointer from `oh_tally_new` that no other call is using.
unsafe fn tally_mut<'a>(tally: *mut OhTally) -> Result<&'a mut OhTally, OhStatus> {
    // SAFETY: the caller promises NULL or a live tally used by this call alone.
    unsafe { tally.as_mut() }.ok_or(OhStatus::NullPointer)
}

/// A NUL-terminated string Go lends for the call.
///
/// # Safety
/// `ptr` must be NULL or point to a NUL-terminated string valid for the call.
unsafe fn c_str_arg<'a>(ptr: *const c_char) -> Result<&'a CStr, OhStatus> {
    if ptr.is_null() {
        return Err(OhStatus::NullPointer);
    }
    // SAFETY: not NULL, so the caller promises a NUL-terminated string.
    Ok(unsafe { CStr::from_ptr(ptr) })
}

/// `len` bytes Go lends for the call. Go passes NULL for an empty string, and
/// `slice::from_raw_parts` wants a non-null pointer and at most `isize::MAX` bytes.
///
/// # Safety
/// If `ptr` is not NULL it must point to `len` readable bytes valid for the call.
unsafe fn bytes_arg<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], OhStatus> {
    if len > isize::MAX as usize {
        return Err(OhStatus::TooLong);
    }
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(OhStatus::NullPointer)
        };
    }
    // SAFETY: not NULL, at most isize::MAX bytes, and the caller promises `len` readable bytes.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}
// endregion

impl OhTally {
    fn add(&mut self, word: &str) -> Result<u64, OhStatus> {
        if word.contains('\0') {
            return Err(OhStatus::InvalidWord);
        }
        let count = match self.counts.get_mut(word) {
            Some(c) => c,
            None => self.counts.entry(word.to_owned()).or_insert(0),
        };
        *count += 1;
        Ok(*count)
    }

    /// "word count" lines, most frequent first, ties in byte order of the word.
    fn top(&self, n: usize) -> String {
        let mut entries: Vec<(&String, &u64)> = self.counts.iter().collect();
        entries.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        entries
            .iter()
            .take(n)
            .map(|(w, c)| format!("{w} {c}\n"))
            .collect()
    }
}

// region: new-free
/// Creates an empty tally and gives it to the caller through `*out`.
///
/// The caller owns the result and must pass it to [`oh_tally_free`] exactly once.
///
/// # Safety
/// `out` must be NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_new(out: *mut *mut OhTally) -> OhStatus {
    guard("oh_tally_new", || {
        // SAFETY: the caller passes NULL or a writable `out` (# Safety above).
        let out = unsafe { out_arg(out) }?;
        let tally = Box::new(OhTally {
            counts: HashMap::new(),
        });
        // into_raw: Rust stops tracking the Box; the pointer is now the caller's to free.
        let raw = Box::into_raw(tally);
        live().insert(raw as usize);
        *out = raw;
        Ok(())
    })
}

/// Destroys a tally made by [`oh_tally_new`]. Null is accepted and ignored.
///
/// # Safety
/// `tally` must be null or a pointer returned by `oh_tally_new` that has not been
/// freed yet, and no other call may be using it. After this call it dangles.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_free(tally: *mut OhTally) -> OhStatus {
    guard("oh_tally_free", || {
        if tally.is_null() {
            return Ok(());
        }
        live().remove(&(tally as usize));
        // SAFETY: the caller gives back the pointer Box::into_raw made, once. from_raw
        // rebuilds the Box, and dropping it runs the destructors and frees the memory.
        drop(unsafe { Box::from_raw(tally) });
        Ok(())
    })
}
// endregion

// region: string-in
/// Counts one occurrence of `word`, a NUL-terminated C string, and writes the
/// word's new count to `*count`. `OH_STATUS_INVALID_WORD` when it is not UTF-8.
///
/// # Safety
/// `tally` must be a live pointer from `oh_tally_new` that no other call is using.
/// `word` must point to a NUL-terminated string that stays valid for this call.
/// Rust only borrows it: the bytes are copied into the tally and the pointer is not kept.
/// `count` must be valid for writes. Any of them may be NULL: that is `OH_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_add(
    tally: *mut OhTally,
    word: *const c_char,
    count: *mut u64,
) -> OhStatus {
    guard("oh_tally_add", || {
        // SAFETY: the caller passes NULL or a live, unshared tally, a C string and a
        // writable `count` (# Safety above); all three borrows end when this function returns.
        let (tally, word, count) =
            unsafe { (tally_mut(tally)?, c_str_arg(word)?, out_arg(count)?) };
        let word = word.to_str().map_err(|_| OhStatus::InvalidWord)?;
        *count = tally.add(word)?;
        Ok(())
    })
}
// endregion

// region: bytes-in
/// Like [`oh_tally_add`], but `word` is `len` bytes with no terminating NUL, so Go
/// can lend a string's own bytes instead of copying them into C memory first.
///
/// # Safety
/// `tally` and `count` as for `oh_tally_add`. `word` must point to `len` readable bytes
/// that stay valid for this call; it may be null only when `len` is 0. The pointer is not kept.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_add_bytes(
    tally: *mut OhTally,
    word: *const u8,
    len: usize,
    count: *mut u64,
) -> OhStatus {
    guard("oh_tally_add_bytes", || {
        // SAFETY: as in oh_tally_add, with `len` readable bytes at `word` (# Safety above).
        let (tally, bytes, count) =
            unsafe { (tally_mut(tally)?, bytes_arg(word, len)?, out_arg(count)?) };
        let word = std::str::from_utf8(bytes).map_err(|_| OhStatus::InvalidWord)?;
        *count = tally.add(word)?;
        Ok(())
    })
}
// endregion

/// Writes how many times `word` (NUL-terminated) was added to `*count`; 0 for a
/// word that is not UTF-8.
///
/// # Safety
/// As for [`oh_tally_add`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_count(
    tally: *const OhTally,
    word: *const c_char,
    count: *mut u64,
) -> OhStatus {
    guard("oh_tally_count", || {
        // SAFETY: the caller passes NULL or a live tally, a C string and a writable `count`.
        let (tally, word, count) =
            unsafe { (tally_ref(tally)?, c_str_arg(word)?, out_arg(count)?) };
        *count = word
            .to_str()
            .ok()
            .and_then(|w| tally.counts.get(w))
            .copied()
            .unwrap_or(0);
        Ok(())
    })
}

/// Writes the number of distinct words to `*count`.
///
/// # Safety
/// `tally` must be a live pointer from `oh_tally_new`; `count` must be valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_distinct(tally: *const OhTally, count: *mut u64) -> OhStatus {
    guard("oh_tally_distinct", || {
        // SAFETY: the caller passes NULL or a live tally, and NULL or a writable `count`.
        let (tally, count) = unsafe { (tally_ref(tally)?, out_arg(count)?) };
        *count = tally.counts.len() as u64;
        Ok(())
    })
}

// region: string-out
/// The `n` most frequent words as one "word count" line each, most frequent first
/// and ties in byte order, in a new NUL-terminated string written to `*out`.
///
/// The caller owns the result and must release it with [`oh_string_free`], never
/// with C's `free`: memory goes back to the allocator that made it.
///
/// # Safety
/// `tally` must be a live pointer from `oh_tally_new`; `out` must be valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_top(
    tally: *const OhTally,
    n: usize,
    out: *mut *mut c_char,
) -> OhStatus {
    guard("oh_tally_top", || {
        // SAFETY: the caller passes NULL or a live tally, and NULL or a writable `out`.
        let (tally, out) = unsafe { (tally_ref(tally)?, out_arg(out)?) };
        // Words with a NUL byte are refused on the way in. Should that ever
        // change, the panic comes back to Go as OH_STATUS_PANIC.
        let text = CString::new(tally.top(n)).expect("a word with a NUL byte was counted");
        *out = text.into_raw();
        Ok(())
    })
}

/// Releases a string returned by [`oh_tally_top`]. Null is accepted and ignored.
///
/// # Safety
/// `s` must be null or a pointer returned by `oh_tally_top` that has not been freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_string_free(s: *mut c_char) -> OhStatus {
    guard("oh_string_free", || {
        if !s.is_null() {
            // SAFETY: `s` came from CString::into_raw and comes back once.
            drop(unsafe { CString::from_raw(s) });
        }
        Ok(())
    })
}
// endregion

// region: distinct-after
/// Waits `delay_ms` milliseconds, then writes the number of distinct words to `*out`,
/// or -1 if the tally was freed while this call was holding its pointer. It stands in for
/// any long-running Rust call: the Go tests use it to show what `runtime.KeepAlive` prevents.
///
/// # Safety
/// `tally` must be a live pointer from `oh_tally_new` when the call starts, and no
/// new tally may be created while it waits (a new one could reuse the address).
/// `out` must be valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_distinct_after(
    tally: *const OhTally,
    delay_ms: u32,
    out: *mut i64,
) -> OhStatus {
    guard("oh_tally_distinct_after", || {
        // SAFETY: the caller passes NULL or a writable `out` (# Safety above).
        let out = unsafe { out_arg(out) }?;
        if tally.is_null() {
            return Err(OhStatus::NullPointer);
        }
        std::thread::sleep(Duration::from_millis(delay_ms.into()));
        let live = live();
        if !live.contains(&(tally as usize)) {
            *out = -1; // freed under our feet: report it instead of reading freed memory
            return Ok(());
        }
        // SAFETY: still registered, and oh_tally_free unregisters (under this lock) before freeing.
        *out = unsafe { &*tally }.counts.len() as i64;
        Ok(())
    })
}
// endregion

// region: test-hook
/// Testing hook, not part of the API: arms a one-shot panic inside the next
/// call of the export named `export_name`, so tests can prove that every
/// export returns a caught panic to Go as an error. NULL disarms. Returns true
/// when armed.
///
/// # Safety
/// `export_name` must be NULL or point to a NUL-terminated string that stays
/// valid for this call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_test_panic_in(export_name: *const c_char) -> bool {
    // SAFETY: the caller passes NULL or a C string valid for this call (# Safety above).
    let name = unsafe { c_str_arg(export_name) }.ok();
    panic::catch_unwind(|| test_hook::arm(name)).unwrap_or(false)
}
// endregion

// Each export called as C would, NULL and empty and oversized arguments
// included; Miri runs these (`cargo miri test`). Tests that arm the panic hook
// are in tests/panics.rs, another process: these run on parallel threads.
#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    fn c(s: &str) -> CString {
        CString::new(s).unwrap()
    }

    fn new() -> *mut OhTally {
        let mut t = ptr::null_mut();
        // SAFETY: `t` is a valid out pointer.
        assert_eq!(unsafe { oh_tally_new(&mut t) }, OhStatus::Ok);
        t
    }

    /// Adds through the C-string export and returns the count.
    fn add(t: *mut OhTally, w: &str) -> u64 {
        let mut n = 0;
        // SAFETY: a live tally, a C string and an out pointer, all valid for the call.
        let status = unsafe { oh_tally_add(t, c(w).as_ptr(), &mut n) };
        assert_eq!(status, OhStatus::Ok);
        n
    }

    fn count(t: *const OhTally, w: &CStr) -> u64 {
        let mut n = u64::MAX;
        // SAFETY: as for `add`.
        let status = unsafe { oh_tally_count(t, w.as_ptr(), &mut n) };
        assert_eq!(status, OhStatus::Ok);
        n
    }

    fn distinct(t: *const OhTally) -> u64 {
        let mut n = u64::MAX;
        // SAFETY: as for `add`.
        assert_eq!(unsafe { oh_tally_distinct(t, &mut n) }, OhStatus::Ok);
        n
    }

    fn top(t: *const OhTally, n: usize) -> String {
        let mut s = ptr::null_mut();
        // SAFETY: a live tally; `s` is then a string from oh_tally_top, freed once.
        unsafe {
            assert_eq!(oh_tally_top(t, n, &mut s), OhStatus::Ok);
            let text = CStr::from_ptr(s).to_str().unwrap().to_owned();
            assert_eq!(oh_string_free(s), OhStatus::Ok);
            text
        }
    }

    fn free(t: *mut OhTally) {
        // SAFETY: `t` came from `new` and is freed once.
        assert_eq!(unsafe { oh_tally_free(t) }, OhStatus::Ok);
    }

    #[test]
    fn counts_words_and_ranks_them() {
        let t = new();
        for w in ["go", "rust", "go", "c", "rust", "go"] {
            assert!(add(t, w) > 0);
        }
        assert_eq!(count(t, c"go"), 3);
        assert_eq!(count(t, c"zig"), 0);
        assert_eq!(distinct(t), 3);
        assert_eq!(top(t, 2), "go 3\nrust 2\n");
        assert_eq!(top(t, 10), "go 3\nrust 2\nc 1\n");
        assert_eq!(top(t, 0), "");
        assert_eq!(top(t, usize::MAX), "go 3\nrust 2\nc 1\n", "oversized n");
        free(t);
    }

    #[test]
    fn ties_are_ordered_by_word() {
        let t = new();
        for w in ["b", "a", "c"] {
            add(t, w);
        }
        assert_eq!(top(t, 3), "a 1\nb 1\nc 1\n");
        free(t);
    }

    #[test]
    fn bytes_and_c_strings_count_the_same_word() {
        let t = new();
        assert_eq!(add(t, "héllo"), 1);
        let w = "héllo".as_bytes();
        let mut n = 0;
        // SAFETY: `w` is `w.len()` readable bytes; NULL comes with length 0.
        unsafe {
            assert_eq!(
                oh_tally_add_bytes(t, w.as_ptr(), w.len(), &mut n),
                OhStatus::Ok
            );
            assert_eq!(n, 2);
            assert_eq!(oh_tally_add_bytes(t, ptr::null(), 0, &mut n), OhStatus::Ok);
            assert_eq!(n, 1, "the empty word");
        }
        free(t);
    }

    #[test]
    fn refuses_invalid_words() {
        let t = new();
        let mut n = 0;
        let bad = [0xffu8, 0xfe, 0];
        // SAFETY: each pointer covers the length passed with it.
        unsafe {
            assert_eq!(
                oh_tally_add(t, bad.as_ptr().cast(), &mut n),
                OhStatus::InvalidWord
            );
            assert_eq!(
                oh_tally_add_bytes(t, bad.as_ptr(), 2, &mut n),
                OhStatus::InvalidWord
            );
            let nul = b"a\0b";
            assert_eq!(
                oh_tally_add_bytes(t, nul.as_ptr(), nul.len(), &mut n),
                OhStatus::InvalidWord
            );
        }
        // SAFETY: `bad` is NUL-terminated.
        assert_eq!(count(t, unsafe { CStr::from_ptr(bad.as_ptr().cast()) }), 0);
        assert_eq!(distinct(t), 0);
        free(t);
    }

    #[test]
    fn null_and_oversized_arguments_are_statuses() {
        let t = new();
        let (mut n, mut m, mut s) = (0u64, 0i64, ptr::null_mut());
        let null = OhStatus::NullPointer;
        // SAFETY: every non-NULL pointer is valid; NULLs and the huge length are
        // refused before anything is read or written.
        unsafe {
            assert_eq!(oh_tally_new(ptr::null_mut()), null);
            assert_eq!(oh_live_tallies(ptr::null_mut()), null);
            assert_eq!(oh_tally_add(ptr::null_mut(), c"go".as_ptr(), &mut n), null);
            assert_eq!(oh_tally_add(t, ptr::null(), &mut n), null);
            assert_eq!(oh_tally_add(t, c"go".as_ptr(), ptr::null_mut()), null);
            assert_eq!(
                oh_tally_add_bytes(ptr::null_mut(), ptr::null(), 0, &mut n),
                null
            );
            assert_eq!(oh_tally_add_bytes(t, ptr::null(), 3, &mut n), null);
            assert_eq!(
                oh_tally_add_bytes(t, b"go".as_ptr(), usize::MAX, &mut n),
                OhStatus::TooLong
            );
            assert_eq!(
                oh_tally_add_bytes(t, b"go".as_ptr(), 2, ptr::null_mut()),
                null
            );
            assert_eq!(oh_tally_count(ptr::null(), c"go".as_ptr(), &mut n), null);
            assert_eq!(oh_tally_count(t, ptr::null(), &mut n), null);
            assert_eq!(oh_tally_count(t, c"go".as_ptr(), ptr::null_mut()), null);
            assert_eq!(oh_tally_distinct(ptr::null(), &mut n), null);
            assert_eq!(oh_tally_distinct(t, ptr::null_mut()), null);
            assert_eq!(oh_tally_top(ptr::null(), 1, &mut s), null);
            assert_eq!(oh_tally_top(t, 1, ptr::null_mut()), null);
            assert_eq!(oh_tally_distinct_after(ptr::null(), 0, &mut m), null);
            assert_eq!(oh_tally_distinct_after(t, 0, ptr::null_mut()), null);
            assert_eq!(oh_tally_free(ptr::null_mut()), OhStatus::Ok);
            assert_eq!(oh_string_free(ptr::null_mut()), OhStatus::Ok);
        }
        assert_eq!(distinct(t), 0, "nothing was counted");
        free(t);
    }

    #[test]
    fn registry_tracks_new_and_free() {
        // Other tests run in parallel threads, so look at this tally's address only.
        let t = new();
        assert!(live().contains(&(t as usize)));
        let (mut d, mut n) = (i64::MIN, usize::MAX);
        // SAFETY: a live tally and valid out pointers.
        unsafe {
            assert_eq!(oh_tally_distinct_after(t, 0, &mut d), OhStatus::Ok);
            assert_eq!(oh_live_tallies(&mut n), OhStatus::Ok);
        }
        assert_eq!(d, 0);
        assert!(n >= 1);
        free(t);
        assert!(!live().contains(&(t as usize)));
    }
}
