//! Each exported function called as C would call it: null pointers, zero lengths,
//! oversized lengths, overlapping buffers, a buffer too small. Small inputs only: these
//! also run under Miri.
use super::*;
use boundary_security_core::encode;
use std::ptr::{null, null_mut};

fn doc() -> Vec<u8> {
    encode(&[("lang", "rust"), ("empty", ""), ("ffi", "cgo")])
}

fn lookup(doc: &[u8], key: &[u8], out: &mut [u8]) -> (HbStatus, usize) {
    let mut len = usize::MAX;
    // SAFETY: every pointer comes from a live slice of the length passed with it.
    let status = unsafe {
        hb_lookup(
            doc.as_ptr(),
            doc.len(),
            key.as_ptr(),
            key.len(),
            out.as_mut_ptr(),
            out.len(),
            &mut len,
        )
    };
    (status, len)
}

#[test]
fn validate_counts_entries() {
    let doc = doc();
    let mut count = 0;
    // SAFETY: doc is live for the call and count is writable.
    let status = unsafe { hb_validate(doc.as_ptr(), doc.len(), &mut count) };
    assert_eq!(status, HbStatus::Ok);
    assert_eq!(count, 3);
}

#[test]
fn validate_refuses_null_and_maps_parse_errors() {
    let mut count = 0;
    // SAFETY: a null pointer with length 0 is allowed; with length 1 it must be
    // refused, not read.
    unsafe {
        assert_eq!(hb_validate(null(), 0, &mut count), HbStatus::Truncated);
        assert_eq!(hb_validate(null(), 1, &mut count), HbStatus::NullPointer);
        assert_eq!(
            hb_validate(b"HBK1".as_ptr(), 4, null_mut()),
            HbStatus::NullPointer
        );
        assert_eq!(
            hb_validate(b"HBK2\0\0\0\x01".as_ptr(), 8, &mut count),
            HbStatus::BadMagic
        );
    }
}

// region: oversized
#[test]
fn an_oversized_length_is_refused_before_any_read() {
    let doc = doc();
    let mut count = 0;
    // SAFETY: the length is a lie, larger than the allocation; hb_validate must refuse
    // it before making a slice (Miri would report the out-of-bounds slice if it did
    // not).
    let status = unsafe { hb_validate(doc.as_ptr(), usize::MAX, &mut count) };
    assert_eq!(status, HbStatus::TooLarge);
}
// endregion

#[test]
fn lookup_copies_the_value() {
    let mut out = [0u8; 8];
    assert_eq!(lookup(&doc(), b"ffi", &mut out), (HbStatus::Ok, 3));
    assert_eq!(&out[..3], b"cgo");
    assert_eq!(lookup(&doc(), b"go", &mut out).0, HbStatus::NotFound);
}

#[test]
fn lookup_of_an_empty_value_into_a_null_buffer() {
    let doc = doc();
    let mut len = usize::MAX;
    // SAFETY: a null output with capacity 0 is allowed and must not be written, even by
    // a 0-byte copy.
    let status = unsafe {
        hb_lookup(
            doc.as_ptr(),
            doc.len(),
            b"empty".as_ptr(),
            5,
            null_mut(),
            0,
            &mut len,
        )
    };
    assert_eq!((status, len), (HbStatus::Ok, 0));
}

// region: too-small
#[test]
fn a_buffer_too_small_gets_the_length_needed_and_no_bytes() {
    let mut out = [b'.'; 3];
    assert_eq!(
        lookup(&doc(), b"lang", &mut out),
        (HbStatus::BufferTooSmall, 4)
    );
    assert_eq!(&out, b"...");
    let mut exact = [0u8; 4];
    assert_eq!(lookup(&doc(), b"lang", &mut exact), (HbStatus::Ok, 4));
    assert_eq!(&exact, b"rust");
}
// endregion

#[test]
fn the_key_is_checked_again_in_rust() {
    let mut out = [0u8; 8];
    assert_eq!(lookup(&doc(), b"", &mut out).0, HbStatus::BadKeyLength);
    assert_eq!(
        lookup(&doc(), &[b'k'; HB_MAX_KEY + 1], &mut out).0,
        HbStatus::BadKeyLength
    );
    assert_eq!(lookup(&doc(), b"l\xffng", &mut out).0, HbStatus::BadUtf8);
    assert_eq!(lookup(&doc(), b"lang\0", &mut out).0, HbStatus::NulByte);
}

// region: overlapping
#[test]
fn an_output_overlapping_the_document_is_refused() {
    let mut buf = doc();
    let (len, ptr) = (buf.len(), buf.as_mut_ptr());
    let mut out_len = 0;
    // SAFETY: doc and out are the same live allocation, passed as a confused caller
    // would; hb_lookup must refuse before making a &[u8] and a &mut [u8] over the same
    // bytes.
    let status = unsafe {
        hb_lookup(
            ptr,
            len,
            b"lang".as_ptr(),
            4,
            ptr.add(len - 4),
            4,
            &mut out_len,
        )
    };
    assert_eq!(status, HbStatus::Overlap);
}
// endregion

#[test]
fn overlap_is_decided_by_address_without_wrapping() {
    let base = std::ptr::without_provenance::<u8>(0x1000);
    let at = |offset: usize| base.wrapping_add(offset);
    assert!(overlaps(at(0), 4, at(3), 4));
    assert!(!overlaps(at(0), 4, at(4), 4));
    assert!(!overlaps(at(0), 0, at(0), 4));
    assert!(
        overlaps(at(8), usize::MAX, at(0), 1),
        "an end past the address space is refused"
    );
}
