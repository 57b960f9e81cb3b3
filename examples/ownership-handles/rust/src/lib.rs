//! A word tally that lives in Rust and is used from Go through an opaque handle.
//!
//! Who owns what, export by export:
//! - `oh_tally_new` hands Go a heap object; Go gives it back to `oh_tally_free`, once.
//! - Strings Go passes in are borrowed for the duration of the call; Rust copies what it keeps.
//! - Strings Rust returns belong to Go until Go passes them to `oh_string_free`.

use std::collections::{BTreeSet, HashMap};
use std::ffi::{CStr, CString, c_char};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

// region: object
/// The object behind a Go `*Tally`. It is not `#[repr(C)]`: Go never sees its
/// fields, so cbindgen declares it as an opaque struct and its layout stays Rust's business.
pub struct OhTally {
    counts: HashMap<String, u64>,
}
// endregion

/// `oh_tally_add` and `oh_tally_add_bytes` return this when the word is not valid
/// UTF-8 or contains a NUL byte (a word must survive the trip back as a C string).
pub const OH_INVALID_WORD: i64 = -1;

// region: live-registry
/// Addresses of the tallies that exist right now. Instrumentation only: tests read
/// it to watch frees happen without valgrind. It cannot make a stale pointer safe
/// (the allocator reuses a freed address for the next object), so only
/// `oh_tally_distinct_after`, a test aid, consults it.
static LIVE: Mutex<BTreeSet<usize>> = Mutex::new(BTreeSet::new());

/// Never panics: a panic in an `extern "C"` function aborts the whole Go process.
fn live() -> MutexGuard<'static, BTreeSet<usize>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// How many tallies exist right now (made by `oh_tally_new`, not yet freed).
#[unsafe(no_mangle)]
pub extern "C" fn oh_live_tallies() -> usize {
    live().len()
}
// endregion

impl OhTally {
    fn add(&mut self, word: &str) -> i64 {
        if word.contains('\0') {
            return OH_INVALID_WORD;
        }
        let count = match self.counts.get_mut(word) {
            Some(c) => c,
            None => self.counts.entry(word.to_owned()).or_insert(0),
        };
        *count += 1;
        *count as i64
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
/// Creates an empty tally and gives it to the caller.
///
/// The caller owns the result and must pass it to [`oh_tally_free`] exactly once.
#[unsafe(no_mangle)]
pub extern "C" fn oh_tally_new() -> *mut OhTally {
    let tally = Box::new(OhTally {
        counts: HashMap::new(),
    });
    // into_raw: Rust stops tracking the Box; the pointer is now the caller's to free.
    let raw = Box::into_raw(tally);
    live().insert(raw as usize);
    raw
}

/// Destroys a tally made by [`oh_tally_new`]. Null is accepted and ignored.
///
/// # Safety
/// `tally` must be null or a pointer returned by `oh_tally_new` that has not been
/// freed yet, and no other call may be using it. After this call it dangles.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_free(tally: *mut OhTally) {
    if tally.is_null() {
        return;
    }
    live().remove(&(tally as usize));
    // SAFETY: the caller gives back the pointer Box::into_raw made, once. from_raw
    // rebuilds the Box, and dropping it runs the destructors and frees the memory.
    drop(unsafe { Box::from_raw(tally) });
}
// endregion

// region: string-in
/// Counts one occurrence of `word`, a NUL-terminated C string, and returns the
/// word's new count, or [`OH_INVALID_WORD`] when it is not valid UTF-8.
///
/// # Safety
/// `tally` must be a live pointer from `oh_tally_new` that no other call is using.
/// `word` must point to a NUL-terminated string that stays valid for this call.
/// Rust only borrows it: the bytes are copied into the tally and the pointer is not kept.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_add(tally: *mut OhTally, word: *const c_char) -> i64 {
    // SAFETY: see above. Both borrows end when this function returns.
    let (tally, word) = unsafe { (&mut *tally, CStr::from_ptr(word)) };
    match word.to_str() {
        Ok(word) => tally.add(word),
        Err(_) => OH_INVALID_WORD,
    }
}
// endregion

// region: bytes-in
/// Like [`oh_tally_add`], but `word` is `len` bytes with no terminating NUL, so Go
/// can lend a string's own bytes instead of copying them into C memory first.
///
/// # Safety
/// `tally` as for `oh_tally_add`. `word` must point to `len` readable bytes that stay
/// valid for this call; it may be null only when `len` is 0. The pointer is not kept.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_add_bytes(
    tally: *mut OhTally,
    word: *const u8,
    len: usize,
) -> i64 {
    // SAFETY: see above.
    let tally = unsafe { &mut *tally };
    let bytes: &[u8] = if len == 0 {
        &[]
    } else {
        unsafe { std::slice::from_raw_parts(word, len) }
    };
    match std::str::from_utf8(bytes) {
        Ok(word) => tally.add(word),
        Err(_) => OH_INVALID_WORD,
    }
}
// endregion

/// How many times `word` (NUL-terminated) was added; 0 for a word that is not UTF-8.
///
/// # Safety
/// As for [`oh_tally_add`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_count(tally: *const OhTally, word: *const c_char) -> u64 {
    // SAFETY: see oh_tally_add.
    let (tally, word) = unsafe { (&*tally, CStr::from_ptr(word)) };
    word.to_str()
        .ok()
        .and_then(|w| tally.counts.get(w))
        .copied()
        .unwrap_or(0)
}

/// The number of distinct words.
///
/// # Safety
/// `tally` must be a live pointer from `oh_tally_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_distinct(tally: *const OhTally) -> u64 {
    // SAFETY: see above.
    unsafe { &*tally }.counts.len() as u64
}

// region: string-out
/// The `n` most frequent words as one "word count" line each, most frequent first
/// and ties in byte order, in a new NUL-terminated string.
///
/// The caller owns the result and must release it with [`oh_string_free`], never
/// with C's `free`: memory goes back to the allocator that made it.
///
/// # Safety
/// `tally` must be a live pointer from `oh_tally_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_top(tally: *const OhTally, n: usize) -> *mut c_char {
    // SAFETY: see above.
    let text = unsafe { &*tally }.top(n);
    // Words with a NUL byte are refused on the way in, so CString::new cannot fail.
    // Should that ever change, an empty string is still a valid answer: no panic
    // may cross the boundary.
    CString::new(text).unwrap_or_default().into_raw()
}

/// Releases a string returned by [`oh_tally_top`]. Null is accepted and ignored.
///
/// # Safety
/// `s` must be null or a pointer returned by `oh_tally_top` that has not been freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: `s` came from CString::into_raw and comes back once.
    drop(unsafe { CString::from_raw(s) });
}
// endregion

// region: distinct-after
/// Waits `delay_ms` milliseconds, then returns the number of distinct words, or -1
/// if the tally was freed while this call was holding its pointer. It stands in for
/// any long-running Rust call: the Go tests use it to show what `runtime.KeepAlive` prevents.
///
/// # Safety
/// `tally` must be a live pointer from `oh_tally_new` when the call starts, and no
/// new tally may be created while it waits (a new one could reuse the address).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oh_tally_distinct_after(tally: *const OhTally, delay_ms: u32) -> i64 {
    std::thread::sleep(Duration::from_millis(delay_ms.into()));
    let live = live();
    if !live.contains(&(tally as usize)) {
        return -1; // freed under our feet: report it instead of reading freed memory
    }
    // SAFETY: still registered, and oh_tally_free unregisters (under this lock) before freeing.
    unsafe { &*tally }.counts.len() as i64
}
// endregion

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> CString {
        CString::new(s).unwrap()
    }

    fn top(t: *const OhTally, n: usize) -> String {
        unsafe {
            let s = oh_tally_top(t, n);
            let text = CStr::from_ptr(s).to_str().unwrap().to_owned();
            oh_string_free(s);
            text
        }
    }

    #[test]
    fn counts_words_and_ranks_them() {
        let t = oh_tally_new();
        unsafe {
            for w in ["go", "rust", "go", "c", "rust", "go"] {
                assert!(oh_tally_add(t, c(w).as_ptr()) > 0);
            }
            assert_eq!(oh_tally_count(t, c("go").as_ptr()), 3);
            assert_eq!(oh_tally_count(t, c("zig").as_ptr()), 0);
            assert_eq!(oh_tally_distinct(t), 3);
            assert_eq!(top(t, 2), "go 3\nrust 2\n");
            assert_eq!(top(t, 10), "go 3\nrust 2\nc 1\n");
            assert_eq!(top(t, 0), "");
            oh_tally_free(t);
        }
    }

    #[test]
    fn ties_are_ordered_by_word() {
        let t = oh_tally_new();
        unsafe {
            for w in ["b", "a", "c"] {
                oh_tally_add(t, c(w).as_ptr());
            }
            assert_eq!(top(t, 3), "a 1\nb 1\nc 1\n");
            oh_tally_free(t);
        }
    }

    #[test]
    fn bytes_and_c_strings_count_the_same_word() {
        let t = oh_tally_new();
        unsafe {
            assert_eq!(oh_tally_add(t, c("héllo").as_ptr()), 1);
            let w = "héllo".as_bytes();
            assert_eq!(oh_tally_add_bytes(t, w.as_ptr(), w.len()), 2);
            assert_eq!(
                oh_tally_add_bytes(t, std::ptr::null(), 0),
                1,
                "the empty word"
            );
            oh_tally_free(t);
        }
    }

    #[test]
    fn refuses_invalid_words() {
        let t = oh_tally_new();
        unsafe {
            let bad = [0xffu8, 0xfe, 0];
            assert_eq!(oh_tally_add(t, bad.as_ptr().cast()), OH_INVALID_WORD);
            assert_eq!(oh_tally_add_bytes(t, bad.as_ptr(), 2), OH_INVALID_WORD);
            let nul = b"a\0b";
            assert_eq!(
                oh_tally_add_bytes(t, nul.as_ptr(), nul.len()),
                OH_INVALID_WORD
            );
            assert_eq!(oh_tally_count(t, bad.as_ptr().cast()), 0);
            assert_eq!(oh_tally_distinct(t), 0);
            oh_tally_free(t);
        }
    }

    #[test]
    fn free_accepts_null() {
        unsafe {
            oh_tally_free(std::ptr::null_mut());
            oh_string_free(std::ptr::null_mut());
        }
    }

    #[test]
    fn registry_tracks_new_and_free() {
        // Other tests run in parallel threads, so look at this tally's address only.
        let t = oh_tally_new();
        assert!(live().contains(&(t as usize)));
        assert_eq!(unsafe { oh_tally_distinct_after(t, 0) }, 0);
        unsafe { oh_tally_free(t) };
        assert!(!live().contains(&(t as usize)));
    }
}
