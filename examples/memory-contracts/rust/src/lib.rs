//! Hex encoding behind four memory contracts. The work is trivial on purpose:
//! what the example teaches is who allocates each buffer, who frees it, and
//! how long each pointer may be used.
//!
//! - `mc_hex_encode`: both buffers belong to the caller and are borrowed for one call.
//! - `mc_hex_encode_alloc`: Rust allocates the result; the caller gives it back to `mc_bytes_free`.
//! - `mc_hex_encode_vectored`: the caller passes descriptors that point at more memory.
//! - `mc_sink_*`: Rust keeps the caller's buffer across calls, until `mc_sink_free`.

use std::ptr;

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

// region: borrow
/// A slice from a pointer and a length. A zero length never touches the pointer,
/// which may then be null (Go passes nil for an empty slice).
///
/// # Safety
/// For `len > 0`, `p` must point to `len` readable bytes valid for `'a`.
unsafe fn borrowed<'a>(p: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        &[]
    } else {
        unsafe { std::slice::from_raw_parts(p, len) }
    }
}

/// # Safety
/// For `len > 0`, `p` must point to `len` writable bytes valid for `'a`, aliased by nothing else.
unsafe fn borrowed_mut<'a>(p: *mut u8, len: usize) -> &'a mut [u8] {
    if len == 0 {
        &mut []
    } else {
        unsafe { std::slice::from_raw_parts_mut(p, len) }
    }
}

/// Writes the hex encoding of `src` to `dst` and returns its length, 2 × `src_len`.
/// If `dst_cap` is less than that, writes nothing and returns the length needed:
/// the caller compares the result with the capacity it passed.
///
/// # Safety
/// `src` must point to `src_len` readable bytes and `dst` to `dst_cap` writable
/// bytes, not overlapping, both valid for the duration of this call only; either
/// may be null when its length is 0. Rust keeps neither pointer after returning.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_hex_encode(
    src: *const u8,
    src_len: usize,
    dst: *mut u8,
    dst_cap: usize,
) -> usize {
    let need = encoded_len(src_len);
    if need > dst_cap {
        return need;
    }
    // SAFETY: the caller lends both buffers for this call (see above).
    let (src, dst) = unsafe { (borrowed(src, src_len), borrowed_mut(dst, need)) };
    encode(src, dst);
    need
}
// endregion

// region: rust-alloc
/// Hex-encodes `src` into a buffer Rust allocates, stores its length in
/// `*out_len` and returns it (null, with length 0, for empty input).
///
/// The caller owns the result and must give it back to [`mc_bytes_free`] with
/// that same length, exactly once. Memory goes back to the allocator that made it.
///
/// # Safety
/// `src` as for [`mc_hex_encode`]; `out_len` must point to a writable `usize`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_hex_encode_alloc(
    src: *const u8,
    src_len: usize,
    out_len: *mut usize,
) -> *mut u8 {
    // SAFETY: `src` is lent for this call.
    let src = unsafe { borrowed(src, src_len) };
    let need = encoded_len(src.len()); // cannot overflow: src is a real slice
    let mut out = vec![0u8; need].into_boxed_slice();
    encode(src, &mut out);
    // SAFETY: the caller passes a writable usize.
    unsafe { *out_len = out.len() };
    if out.is_empty() {
        return ptr::null_mut();
    }
    // into_raw: Rust stops tracking the allocation until mc_bytes_free rebuilds it.
    Box::into_raw(out).cast::<u8>()
}

/// Frees a buffer returned by [`mc_hex_encode_alloc`]. Null is accepted and ignored.
///
/// # Safety
/// `ptr` must be null, or a pointer from `mc_hex_encode_alloc` not yet freed,
/// with `len` the length it reported.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_bytes_free(ptr: *mut u8, len: usize) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: rebuilds the Box<[u8]> that mc_hex_encode_alloc gave away.
    drop(unsafe { Box::from_raw(ptr::slice_from_raw_parts_mut(ptr, len)) });
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
/// contract as [`mc_hex_encode`]: returns the length written, or the length
/// needed (writing nothing) when `dst_cap` is too small.
///
/// # Safety
/// `parts` must point to `n` descriptors (null when `n` is 0), each pointing to
/// `len` readable bytes; descriptors and bytes are borrowed for this call only.
/// `dst` as for `mc_hex_encode`, overlapping none of them.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_hex_encode_vectored(
    parts: *const McSlice,
    n: usize,
    dst: *mut u8,
    dst_cap: usize,
) -> usize {
    // SAFETY: the descriptors are lent for this call.
    let parts: &[McSlice] = if n == 0 {
        &[]
    } else {
        unsafe { std::slice::from_raw_parts(parts, n) }
    };
    let total = parts.iter().map(|p| p.len).fold(0, usize::saturating_add);
    let need = encoded_len(total);
    if need > dst_cap {
        return need;
    }
    // SAFETY: as above, `dst_cap` ≥ `need` writable bytes.
    let mut dst = unsafe { borrowed_mut(dst, need) };
    for part in parts {
        // SAFETY: each descriptor points to `len` readable bytes for this call.
        let src = unsafe { borrowed(part.ptr, part.len) };
        let (head, rest) = dst.split_at_mut(2 * src.len());
        encode(src, head);
        dst = rest;
    }
    need
}
// endregion

// region: sink
/// An encoder that writes into a buffer it does not own and keeps between calls.
pub struct McSink {
    buf: *mut u8,
    cap: usize,
    len: usize,
}

/// Makes a sink that appends hex output to the `cap` bytes at `buf`.
///
/// The caller owns the result and frees it with [`mc_sink_free`].
///
/// # Safety
/// Rust keeps `buf` after this call returns: it must stay valid, writable and
/// in place, and be read by the caller only between calls, until `mc_sink_free`.
/// For Go memory that means pinned (runtime.Pinner) for the sink's whole life.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_sink_new(buf: *mut u8, cap: usize) -> *mut McSink {
    Box::into_raw(Box::new(McSink { buf, cap, len: 0 }))
}

/// Appends the hex encoding of `src` to the sink's buffer. Returns false, and
/// writes nothing, if it does not fit in the space left.
///
/// # Safety
/// `sink` must be a live pointer from `mc_sink_new`; `src` as for `mc_hex_encode`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_sink_write(sink: *mut McSink, src: *const u8, src_len: usize) -> bool {
    // SAFETY: see above.
    let (sink, src) = unsafe { (&mut *sink, borrowed(src, src_len)) };
    let need = encoded_len(src.len());
    if need > sink.cap - sink.len {
        return false;
    }
    // SAFETY: the buffer given to mc_sink_new is still valid (its contract), and
    // [len, len + need) lies inside it.
    let dst = unsafe { borrowed_mut(sink.buf.add(sink.len), need) };
    encode(src, dst);
    sink.len += need;
    true
}

/// How many bytes the sink has written to its buffer so far.
///
/// # Safety
/// `sink` must be a live pointer from `mc_sink_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_sink_len(sink: *const McSink) -> usize {
    // SAFETY: see above.
    unsafe { (*sink).len }
}

/// Frees the sink. From this call on Rust never touches the buffer again, so
/// the caller may unpin it, reuse it or let it go. Null is accepted and ignored.
///
/// # Safety
/// `sink` must be null or a pointer from `mc_sink_new` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mc_sink_free(sink: *mut McSink) {
    if !sink.is_null() {
        // SAFETY: the pointer Box::into_raw made, given back once.
        drop(unsafe { Box::from_raw(sink) });
    }
}
// endregion

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(src: &[u8]) -> String {
        let mut dst = vec![0u8; 2 * src.len()];
        let n = unsafe { mc_hex_encode(src.as_ptr(), src.len(), dst.as_mut_ptr(), dst.len()) };
        assert_eq!(n, dst.len());
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
        let n = unsafe { mc_hex_encode(src.as_ptr(), src.len(), dst.as_mut_ptr(), dst.len()) };
        assert_eq!(n, 6);
        assert_eq!(&dst, b"#####");
    }

    #[test]
    fn null_is_fine_for_empty_buffers() {
        assert_eq!(
            unsafe { mc_hex_encode(ptr::null(), 0, ptr::null_mut(), 0) },
            0
        );
        assert_eq!(
            unsafe { mc_hex_encode_vectored(ptr::null(), 0, ptr::null_mut(), 0) },
            0
        );
        let mut len = 99;
        assert!(unsafe { mc_hex_encode_alloc(ptr::null(), 0, &mut len) }.is_null());
        assert_eq!(len, 0);
        unsafe { mc_bytes_free(ptr::null_mut(), 0) };
    }

    #[test]
    fn rust_allocated_result_round_trips() {
        let src = b"\x01\xab";
        let mut len = 0;
        unsafe {
            let p = mc_hex_encode_alloc(src.as_ptr(), src.len(), &mut len);
            assert_eq!(std::slice::from_raw_parts(p, len), b"01ab");
            mc_bytes_free(p, len);
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
        assert_eq!(
            unsafe { mc_hex_encode_vectored(parts.as_ptr(), 3, dst.as_mut_ptr(), 5) },
            6
        );
        assert_eq!(
            unsafe { mc_hex_encode_vectored(parts.as_ptr(), 3, dst.as_mut_ptr(), 6) },
            6
        );
        assert_eq!(&dst, b"476fff");
    }

    #[test]
    fn sink_appends_until_full() {
        let mut buf = vec![0u8; 7];
        unsafe {
            let s = mc_sink_new(buf.as_mut_ptr(), buf.len());
            assert!(mc_sink_write(s, b"a".as_ptr(), 1));
            assert!(mc_sink_write(s, b"bc".as_ptr(), 2));
            assert!(
                !mc_sink_write(s, b"d".as_ptr(), 1),
                "2 bytes do not fit in the 1 left"
            );
            assert_eq!(mc_sink_len(s), 6);
            mc_sink_free(s);
        }
        assert_eq!(&buf[..6], b"616263");
    }
}
