//! Hex encoding behind four memory contracts. The work is trivial on purpose:
//! what the example teaches is who allocates each buffer, who frees it, and
//! how long each pointer may be used.
//!
//! - `mc_hex_encode`: both buffers belong to the caller and are borrowed for one call.
//! - `mc_hex_encode_alloc`: Rust allocates the result; the caller gives it back to `mc_bytes_free`.
//! - `mc_hex_encode_vectored`: the caller passes descriptors that point at more memory.
//! - `mc_sink_*`: Rust keeps the caller's buffer across calls, until `mc_sink_free`.

use std::panic::{self, UnwindSafe};
use std::ptr;

mod testhook;
pub use testhook::mc_test_panic_in;
use testhook::panic_if_armed;

/// Every byte's two hex digits, built at compile time: one lookup per input byte.
const PAIRS: [[u8; 2]; 256] = {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut t = [[0u8; 2]; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = [HEX[i >> 4], HEX[i & 0x0f]];
        i += 1;
    }
    t
};

/// The length of the hex encoding of `n` bytes, or `usize::MAX` if it does not fit.
fn encoded_len(n: usize) -> usize {
    n.saturating_mul(2)
}

/// `dst` must be exactly twice as long as `src`.
fn encode(src: &[u8], dst: &mut [u8]) {
    for (pair, &b) in dst.chunks_exact_mut(2).zip(src) {
        pair.copy_from_slice(&PAIRS[b as usize]);
    }
}

// region: status
/// How a call ended. The numbers are ABI: never renumbered, only added.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum McStatus {
    Ok = 0,
    /// The output does not fit: nothing was written; `len` says what is needed.
    ShortBuffer = 1,
    /// The output buffer overlaps an input: refused, nothing was written.
    Overlap = 2,
    /// A required pointer was NULL, or NULL came with a non-zero length.
    NullPointer = 3,
    /// Rust panicked (a bug); the panic was caught at the boundary.
    Panic = 4,
}

/// A status and a length, returned by value: no pointer for Go to pass, so
/// nothing escapes to the Go heap on the hot path.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct McResult {
    pub status: McStatus,
    /// Ok: bytes written. ShortBuffer: bytes needed. Otherwise 0.
    pub len: usize,
}

impl McResult {
    fn fail(status: McStatus) -> Self {
        McResult { status, len: 0 }
    }
}

/// Runs an export's body with panics caught: a panic must never unwind out of
/// an `extern "C"` function (since Rust 1.81 that aborts the process), and the
/// caller must learn of it, so it becomes `on_panic`. Rust's panic hook has
/// already printed the message to standard error.
fn guard<T>(export: &str, on_panic: T, body: impl FnOnce() -> T + UnwindSafe) -> T {
    panic::catch_unwind(|| {
        panic_if_armed(export);
        body()
    })
    .unwrap_or(on_panic)
}
// endregion

// region: borrow
/// The address range `[p, p + len)`; one that would wrap is cut at the top.
fn span<T>(p: *const T, len: usize) -> (usize, usize) {
    (p.addr(), p.addr().saturating_add(len))
}

/// Whether two byte ranges share a byte. Empty ranges overlap nothing.
fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < a.1 && b.0 < b.1 && a.0 < b.1 && b.0 < a.1
}

/// A slice from a pointer and a length. A zero length never touches the pointer,
/// which may then be null (Go passes nil for an empty slice); NULL with a
/// non-zero length is refused.
///
/// # Safety
/// For `len > 0` and `p` not null, `p` must point to `len` readable bytes valid
/// for `'a` and not written through any other pointer during `'a`.
unsafe fn borrowed<'a>(p: *const u8, len: usize) -> Result<&'a [u8], McStatus> {
    match (len, p.is_null()) {
        (0, _) => Ok(&[]),
        (_, true) => Err(McStatus::NullPointer),
        // SAFETY: non-null, and the caller promises `len` readable bytes.
        _ => Ok(unsafe { std::slice::from_raw_parts(p, len) }),
    }
}

/// # Safety
/// For `len > 0` and `p` not null, `p` must point to `len` writable bytes valid
/// for `'a`, aliased by nothing else during `'a`.
unsafe fn borrowed_mut<'a>(p: *mut u8, len: usize) -> Result<&'a mut [u8], McStatus> {
    match (len, p.is_null()) {
        (0, _) => Ok(&mut []),
        (_, true) => Err(McStatus::NullPointer),
        // SAFETY: non-null, and the caller promises `len` writable, unaliased bytes.
        _ => Ok(unsafe { std::slice::from_raw_parts_mut(p, len) }),
    }
}

/// Writes the hex encoding of `src` to `dst`: `Ok` with the length written,
/// 2 × `src_len`. If `dst_cap` is less than that, writes nothing and returns
/// `ShortBuffer` with the length needed. Buffers that overlap are refused with
/// `Overlap` before any slice is made: reading and writing the same bytes
/// through a shared and a mutable slice is undefined behaviour.
///
/// # Safety
/// `src` must point to `src_len` readable bytes and `dst` to `dst_cap` writable
/// bytes, both valid for the duration of this call only; either may be null
/// when its length is 0. Rust keeps neither pointer after returning.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_hex_encode(
    src: *const u8,
    src_len: usize,
    dst: *mut u8,
    dst_cap: usize,
) -> McResult {
    guard("mc_hex_encode", McResult::fail(McStatus::Panic), || {
        if overlaps(span(src, src_len), span(dst, dst_cap)) {
            return McResult::fail(McStatus::Overlap);
        }
        let need = encoded_len(src_len);
        if need > dst_cap {
            return McResult {
                status: McStatus::ShortBuffer,
                len: need,
            };
        }
        // SAFETY: the caller lends both buffers for this call, and they do not overlap.
        match unsafe { (borrowed(src, src_len), borrowed_mut(dst, need)) } {
            (Ok(src), Ok(dst)) => {
                encode(src, dst);
                McResult {
                    status: McStatus::Ok,
                    len: need,
                }
            }
            (Err(e), _) | (_, Err(e)) => McResult::fail(e),
        }
    })
}
// endregion

// region: rust-alloc
/// Hex-encodes `src` into a buffer Rust allocates and stores it in `*out`
/// (null, with length 0, for empty input); the result's `len` is its length.
///
/// The caller owns the result and must give it back to [`mc_bytes_free`] with
/// that same length, at most once: never is a leak, twice is undefined behaviour.
/// Memory goes back to the allocator that made it.
///
/// # Safety
/// `src` as for [`mc_hex_encode`]; `out` must be null (refused) or point to a
/// writable pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_hex_encode_alloc(
    src: *const u8,
    src_len: usize,
    out: *mut *mut u8,
) -> McResult {
    guard(
        "mc_hex_encode_alloc",
        McResult::fail(McStatus::Panic),
        || {
            if out.is_null() {
                return McResult::fail(McStatus::NullPointer);
            }
            // SAFETY: `src` is lent for this call.
            let src = match unsafe { borrowed(src, src_len) } {
                Ok(src) => src,
                Err(e) => return McResult::fail(e),
            };
            let mut buf = vec![0u8; encoded_len(src.len())].into_boxed_slice(); // a real slice: no overflow
            encode(src, &mut buf);
            let len = buf.len();
            // into_raw: Rust stops tracking the allocation until mc_bytes_free rebuilds it.
            let p = if len == 0 {
                ptr::null_mut()
            } else {
                Box::into_raw(buf).cast::<u8>()
            };
            // SAFETY: `out` is non-null, and the caller promises it is writable.
            unsafe { *out = p };
            McResult {
                status: McStatus::Ok,
                len,
            }
        },
    )
}

/// Frees a buffer returned by [`mc_hex_encode_alloc`]. Null is accepted and
/// ignored. Returns `Ok`, or `Panic` (the buffer may then have leaked).
///
/// # Safety
/// `ptr` must be null, or a pointer from `mc_hex_encode_alloc` not yet freed,
/// with `len` the length it reported.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_bytes_free(ptr: *mut u8, len: usize) -> McStatus {
    guard("mc_bytes_free", McStatus::Panic, || {
        if !ptr.is_null() {
            // SAFETY: rebuilds the Box<[u8]> that mc_hex_encode_alloc gave away, once.
            drop(unsafe { Box::from_raw(ptr::slice_from_raw_parts_mut(ptr, len)) });
        }
        McStatus::Ok
    })
}
// endregion

// region: vectored
/// A borrowed byte slice, as C sees it: a pointer and a length.
#[repr(C)]
pub struct McSlice {
    pub ptr: *const u8,
    pub len: usize,
}

/// Hex-encodes the concatenation of `n` slices into `dst`, with the same
/// contract as [`mc_hex_encode`]: `Ok` with the length written, `ShortBuffer`
/// with the length needed (writing nothing), or `Overlap` if `dst` overlaps
/// the descriptors or any part.
///
/// # Safety
/// `parts` must point to `n` descriptors (null when `n` is 0), each pointing to
/// `len` readable bytes; descriptors and bytes are borrowed for this call only.
/// `dst` as for `mc_hex_encode`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_hex_encode_vectored(
    parts: *const McSlice,
    n: usize,
    dst: *mut u8,
    dst_cap: usize,
) -> McResult {
    guard(
        "mc_hex_encode_vectored",
        McResult::fail(McStatus::Panic),
        || {
            let out = span(dst, dst_cap);
            if overlaps(span(parts, n.saturating_mul(size_of::<McSlice>())), out) {
                return McResult::fail(McStatus::Overlap);
            }
            let parts: &[McSlice] = match (n, parts.is_null()) {
                (0, _) => &[],
                (_, true) => return McResult::fail(McStatus::NullPointer),
                // SAFETY: non-null; the caller lends `n` descriptors for this call.
                _ => unsafe { std::slice::from_raw_parts(parts, n) },
            };
            let mut total = 0usize;
            for part in parts {
                if overlaps(span(part.ptr, part.len), out) {
                    return McResult::fail(McStatus::Overlap);
                }
                total = total.saturating_add(part.len);
            }
            let need = encoded_len(total);
            if need > dst_cap {
                return McResult {
                    status: McStatus::ShortBuffer,
                    len: need,
                };
            }
            // SAFETY: `dst_cap` ≥ `need` writable bytes, overlapping no input (checked above).
            let mut dst = match unsafe { borrowed_mut(dst, need) } {
                Ok(dst) => dst,
                Err(e) => return McResult::fail(e),
            };
            for part in parts {
                // SAFETY: each descriptor points to `len` readable bytes for this call.
                let src = match unsafe { borrowed(part.ptr, part.len) } {
                    Ok(src) => src,
                    Err(e) => return McResult::fail(e), // output so far is unspecified
                };
                let (head, rest) = dst.split_at_mut(2 * src.len());
                encode(src, head);
                dst = rest;
            }
            McResult {
                status: McStatus::Ok,
                len: need,
            }
        },
    )
}
// endregion

// region: sink
/// An encoder that writes into a buffer it does not own and keeps between calls.
pub struct McSink {
    buf: *mut u8,
    cap: usize,
    len: usize,
}

/// Makes a sink that appends hex output to the `cap` bytes at `buf`. Returns
/// null if `buf` is null with a non-zero `cap`, or on a panic.
///
/// The caller owns the result and frees it with [`mc_sink_free`].
///
/// # Safety
/// Rust keeps `buf` after this call returns: it must stay valid, writable and
/// in place, and be read by the caller only between calls, until `mc_sink_free`.
/// For Go memory that means pinned (runtime.Pinner) for the sink's whole life.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_sink_new(buf: *mut u8, cap: usize) -> *mut McSink {
    guard("mc_sink_new", ptr::null_mut(), || {
        if buf.is_null() && cap > 0 {
            return ptr::null_mut();
        }
        Box::into_raw(Box::new(McSink { buf, cap, len: 0 }))
    })
}

/// Appends the hex encoding of `src` to the sink's buffer: `Ok` with the total
/// length written so far, or `ShortBuffer` (writing nothing) if it does not fit
/// in the space left, or `Overlap` if `src` overlaps the space it would write.
///
/// # Safety
/// `sink` must be null (refused) or a live pointer from `mc_sink_new`, used by
/// one thread at a time; `src` as for `mc_hex_encode`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_sink_write(
    sink: *mut McSink,
    src: *const u8,
    src_len: usize,
) -> McResult {
    guard("mc_sink_write", McResult::fail(McStatus::Panic), || {
        // SAFETY: null or live and not used elsewhere during this call (see above).
        let Some(sink) = (unsafe { sink.as_mut() }) else {
            return McResult::fail(McStatus::NullPointer);
        };
        let need = encoded_len(src_len);
        if need > sink.cap - sink.len {
            return McResult {
                status: McStatus::ShortBuffer,
                len: sink.len.saturating_add(need),
            };
        }
        // In bounds: len + need ≤ cap. wrapping_add computes the address without
        // asserting anything about it.
        let at = sink.buf.wrapping_add(sink.len);
        if overlaps(span(src, src_len), span(at, need)) {
            return McResult::fail(McStatus::Overlap);
        }
        // SAFETY: `src` is lent for this call; [len, len + need) lies inside the
        // buffer given to mc_sink_new, still valid by its contract, and src is
        // not in it.
        match unsafe { (borrowed(src, src_len), borrowed_mut(at, need)) } {
            (Ok(src), Ok(dst)) => {
                encode(src, dst);
                sink.len += need;
                McResult {
                    status: McStatus::Ok,
                    len: sink.len,
                }
            }
            (Err(e), _) | (_, Err(e)) => McResult::fail(e),
        }
    })
}

/// Frees the sink. From this call on Rust never touches the buffer again, so
/// the caller may unpin it, reuse it or let it go. Null is accepted and ignored.
/// Returns `Ok`, or `Panic` (the sink may then have leaked, but Rust still
/// never touches the buffer again).
///
/// # Safety
/// `sink` must be null or a pointer from `mc_sink_new` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_sink_free(sink: *mut McSink) -> McStatus {
    guard("mc_sink_free", McStatus::Panic, || {
        if !sink.is_null() {
            // SAFETY: the pointer Box::into_raw made, given back once.
            drop(unsafe { Box::from_raw(sink) });
        }
        McStatus::Ok
    })
}
// endregion

#[cfg(test)]
mod tests {
    //! Each export called as C would call it, including with the inputs a C
    //! caller can pass and a Go wrapper never does (NULL, zero and oversized
    //! lengths, overlapping buffers). Run under Miri too:
    //! `cargo +nightly-2026-05-20 miri test -p memory-contracts`.
    use super::*;
    use McStatus::*;

    fn ok(len: usize) -> McResult {
        McResult { status: Ok, len }
    }

    fn short(len: usize) -> McResult {
        McResult {
            status: ShortBuffer,
            len,
        }
    }

    fn hex(src: &[u8]) -> String {
        let mut dst = vec![0u8; 2 * src.len()];
        // SAFETY: both are live buffers of the lengths passed.
        let r = unsafe { mc_hex_encode(src.as_ptr(), src.len(), dst.as_mut_ptr(), dst.len()) };
        assert_eq!(r, ok(dst.len()));
        String::from_utf8(dst).unwrap()
    }

    #[test]
    fn encodes_known_bytes() {
        assert_eq!(hex(b""), "");
        assert_eq!(hex(&[0x00, 0x7f, 0x80, 0xff]), "007f80ff");
        assert_eq!(hex(b"Go"), "476f");
    }

    #[test]
    fn short_buffer_reports_need_and_writes_nothing() {
        let src = b"abc";
        let mut dst = [b'#'; 5];
        // SAFETY: both are live buffers of the lengths passed.
        let r = unsafe { mc_hex_encode(src.as_ptr(), src.len(), dst.as_mut_ptr(), dst.len()) };
        assert_eq!(r, short(6));
        assert_eq!(&dst, b"#####");
    }

    #[test]
    fn null_is_fine_for_empty_buffers_and_refused_otherwise() {
        let null = ptr::null_mut::<u8>();
        let nul = McResult::fail(NullPointer);
        let mut dst = [0u8; 4];
        let d = dst.as_mut_ptr();
        let parts = [McSlice {
            ptr: ptr::null(),
            len: 1,
        }];
        let mut out = ptr::dangling_mut::<u8>();
        // SAFETY: every pointer is NULL, or points to a live buffer at least as
        // long as the length passed with it; the exports refuse NULL with a length.
        unsafe {
            assert_eq!(mc_hex_encode(null, 0, null, 0), ok(0));
            assert_eq!(mc_hex_encode(null, 2, d, 4), nul);
            assert_eq!(mc_hex_encode(b"ab".as_ptr(), 2, null, 4), nul);
            assert_eq!(mc_hex_encode_vectored(ptr::null(), 0, null, 0), ok(0));
            assert_eq!(mc_hex_encode_vectored(ptr::null(), 1, d, 4), nul);
            assert_eq!(mc_hex_encode_vectored(parts.as_ptr(), 1, d, 4), nul);
            assert_eq!(mc_hex_encode_alloc(null, 0, &mut out), ok(0));
            assert!(out.is_null());
            assert_eq!(mc_hex_encode_alloc(null, 3, &mut out), nul);
            assert_eq!(mc_hex_encode_alloc(b"a".as_ptr(), 1, ptr::null_mut()), nul);
            assert_eq!(mc_bytes_free(null, 0), Ok);
            assert!(mc_sink_new(null, 8).is_null());
            assert_eq!(mc_sink_write(ptr::null_mut(), null, 0), nul);
            assert_eq!(mc_sink_free(ptr::null_mut()), Ok);
            mc_test_panic_in(ptr::null());
        }
        assert_eq!(dst, [0; 4]);
    }

    // region: miri-overlap
    /// Safe Go can pass one slice as both input and output. Rust must refuse
    /// before it makes a shared and a mutable slice over the same bytes.
    #[test]
    fn overlapping_buffers_are_refused() {
        let mut buf = *b"ab\0\0\0\0";
        let p = buf.as_mut_ptr();
        // SAFETY: both ranges lie inside `buf`; the first call's overlap is refused.
        unsafe {
            let r = mc_hex_encode(p, 2, p.add(1), 4); // src [0,2), dst [1,5)
            assert_eq!(r, McResult::fail(Overlap));
            assert_eq!(mc_hex_encode(p, 2, p.add(2), 4), ok(4), "adjacent is fine");
        }
        assert_eq!(&buf, b"ab6162");
    }
    // endregion

    #[test]
    fn vectored_refuses_overlap_with_a_part_or_the_descriptors() {
        let mut buf = [0u8; 16];
        let p = buf.as_mut_ptr();
        let parts = [McSlice {
            ptr: p.wrapping_add(4),
            len: 2,
        }];
        let descs = parts.as_ptr().cast::<u8>().cast_mut();
        // SAFETY: every range passed is live memory of that length; each call
        // overlaps and is refused before a slice is made.
        unsafe {
            let r = mc_hex_encode_vectored(parts.as_ptr(), 1, p, 8);
            assert_eq!(r, McResult::fail(Overlap));
            let r = mc_hex_encode_vectored(parts.as_ptr(), 1, descs, size_of::<McSlice>());
            assert_eq!(r, McResult::fail(Overlap));
        }
        assert_eq!(buf, [0; 16]);
    }

    #[test]
    fn oversized_lengths_are_answered_without_touching_memory() {
        let big = b"ab".as_ptr();
        let mut dst = [0u8; 4];
        let d = dst.as_mut_ptr();
        let parts = [
            McSlice {
                ptr: big,
                len: usize::MAX,
            },
            McSlice {
                ptr: big,
                len: usize::MAX,
            },
        ];
        let mut buf = [0u8; 4];
        // SAFETY: no length no allocation can have is ever dereferenced: each
        // call answers from the lengths alone (the need saturates, or a range
        // reaching past every buffer overlaps the output).
        unsafe {
            assert_eq!(
                mc_hex_encode(big, usize::MAX, ptr::null_mut(), 0),
                short(usize::MAX)
            );
            assert_eq!(
                mc_hex_encode(big, usize::MAX, d, 4),
                McResult::fail(Overlap)
            );
            let r = mc_hex_encode_vectored(parts.as_ptr(), 2, ptr::null_mut(), 0);
            assert_eq!(r, short(usize::MAX));
            let s = mc_sink_new(buf.as_mut_ptr(), buf.len());
            assert_eq!(mc_sink_write(s, big, usize::MAX), short(usize::MAX));
            assert_eq!(mc_sink_free(s), Ok);
        }
        assert_eq!((dst, buf), ([0; 4], [0; 4]));
    }

    #[test]
    fn rust_allocated_result_round_trips() {
        let src = b"\x01\xab";
        let mut out = ptr::null_mut();
        // SAFETY: `src` is live; `out` is then Rust's 4-byte buffer, read and
        // freed once with the length Rust reported.
        unsafe {
            assert_eq!(
                mc_hex_encode_alloc(src.as_ptr(), src.len(), &mut out),
                ok(4)
            );
            assert_eq!(std::slice::from_raw_parts(out, 4), b"01ab");
            assert_eq!(mc_bytes_free(out, 4), Ok);
        }
    }

    #[test]
    fn vectored_encodes_the_concatenation() {
        let (a, b) = (b"Go".as_slice(), b"\xff".as_slice());
        let parts = [
            McSlice {
                ptr: a.as_ptr(),
                len: a.len(),
            },
            McSlice {
                ptr: ptr::null(),
                len: 0,
            },
            McSlice {
                ptr: b.as_ptr(),
                len: b.len(),
            },
        ];
        let mut dst = [0u8; 6];
        let d = dst.as_mut_ptr();
        // SAFETY: three live descriptors over live parts; `dst` holds 6 bytes.
        unsafe {
            assert_eq!(mc_hex_encode_vectored(parts.as_ptr(), 3, d, 5), short(6));
            assert_eq!(mc_hex_encode_vectored(parts.as_ptr(), 3, d, 6), ok(6));
        }
        assert_eq!(&dst, b"476fff");
    }

    #[test]
    fn sink_appends_until_full() {
        let mut buf = vec![0u8; 7];
        // SAFETY: `buf` outlives the sink, and is read only after mc_sink_free.
        unsafe {
            let s = mc_sink_new(buf.as_mut_ptr(), buf.len());
            assert_eq!(mc_sink_write(s, b"a".as_ptr(), 1), ok(2));
            assert_eq!(mc_sink_write(s, ptr::null(), 0), ok(2));
            assert_eq!(mc_sink_write(s, b"bc".as_ptr(), 2), ok(6));
            assert_eq!(
                mc_sink_write(s, b"d".as_ptr(), 1),
                short(8),
                "2 bytes do not fit in the 1 left"
            );
            assert_eq!(mc_sink_free(s), Ok);
        }
        assert_eq!(&buf[..6], b"616263");
    }

    #[test]
    fn sink_refuses_input_that_overlaps_where_it_writes() {
        let mut buf = [0u8; 8];
        let p = buf.as_mut_ptr();
        // SAFETY: `buf` outlives the sink; every input lies inside it or is a
        // literal; the overlapping write is refused before a slice is made.
        unsafe {
            let s = mc_sink_new(p, 8);
            assert_eq!(mc_sink_write(s, p.add(1), 2), McResult::fail(Overlap));
            assert_eq!(mc_sink_write(s, b"a".as_ptr(), 1), ok(2));
            // What the sink already wrote may be written again: it is not where it writes next.
            assert_eq!(mc_sink_write(s, p, 2), ok(6));
            assert_eq!(mc_sink_free(s), Ok);
        }
        assert_eq!(&buf[..6], b"613631");
    }

    #[test]
    fn zero_capacity_sink_accepts_only_empty_writes() {
        // SAFETY: a NULL buffer of capacity 0, never dereferenced.
        unsafe {
            let s = mc_sink_new(ptr::null_mut(), 0);
            assert!(!s.is_null());
            assert_eq!(mc_sink_write(s, ptr::null(), 0), ok(0));
            assert_eq!(mc_sink_write(s, b"a".as_ptr(), 1), short(2));
            assert_eq!(mc_sink_free(s), Ok);
        }
    }
}
