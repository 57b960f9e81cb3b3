//! Calls the exported functions as a C caller would, with a document, a key and an
//! output capacity all chosen by the fuzzer. The output buffer is a heap allocation of
//! exactly that capacity, so AddressSanitizer reports a write even one byte past it.
#![no_main]

use boundary_security::{HbStatus, hb_lookup, hb_validate};
use libfuzzer_sys::fuzz_target;

// region: target
fuzz_target!(|data: &[u8]| {
    // [capacity][key length][key][document]
    let [cap, key_len, rest @ ..] = data else {
        return;
    };
    let (key, doc) = rest.split_at(usize::from(*key_len).min(rest.len()));

    let mut count = 0u32;
    // SAFETY: doc is a live slice of doc.len() bytes and count is writable.
    let status = unsafe { hb_validate(doc.as_ptr(), doc.len(), &mut count) };
    assert_ne!(status, HbStatus::Panicked);

    let mut out = vec![0u8; usize::from(*cap)];
    let mut out_len = 0;
    // SAFETY: doc and key are live slices of the lengths passed, out is writable for
    // out.len() bytes and apart from both, and out_len is writable.
    let status = unsafe {
        hb_lookup(
            doc.as_ptr(),
            doc.len(),
            key.as_ptr(),
            key.len(),
            out.as_mut_ptr(),
            out.len(),
            &mut out_len,
        )
    };
    assert_ne!(status, HbStatus::Panicked);
    if status == HbStatus::Ok {
        assert!(
            out_len <= out.len(),
            "Ok with a value longer than the buffer"
        );
    }
});
// endregion
