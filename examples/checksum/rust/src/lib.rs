//! Adler-32 (RFC 1950) over a byte buffer, exported to Go through the C ABI.
//!
//! The Go package implements the same algorithm line for line, so a benchmark
//! compares compilers and the boundary, not two different algorithms.

const MOD: u32 = 65521;
/// zlib's NMAX: the longest chunk whose weighted byte sum fits in u32 (255·n(n+1)/2).
const NMAX: usize = 5552;

// region: dispatch
/// Adler-32 of `data`, starting from the running value `adler` (1 for a fresh sum).
///
/// The same source is compiled twice: once for the x86-64 baseline and once
/// with AVX2 enabled, chosen at run time. Go's compiler has no equivalent
/// short of hand-written assembly.
pub fn adler32(adler: u32, data: &[u8]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU was just checked to support AVX2.
        return unsafe { adler32_avx2(adler, data) };
    }
    adler32_chunks(adler, data)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn adler32_avx2(adler: u32, data: &[u8]) -> u32 {
    adler32_chunks(adler, data)
}
// endregion

// region: kernel
/// Per chunk, s1 grows by the sum of the bytes and s2 by each byte weighted by
/// how many bytes (itself included) remain in the chunk, plus len·s1. Both are
/// plain reductions with no step waiting on the one before, which LLVM turns
/// into SIMD code.
#[inline(always)]
fn adler32_chunks(adler: u32, data: &[u8]) -> u32 {
    let (mut s1, mut s2) = ((adler & 0xffff) as u64, (adler >> 16) as u64);
    for chunk in data.chunks(NMAX) {
        let len = chunk.len() as u32;
        let sum: u32 = chunk.iter().map(|&x| x as u32).sum();
        let weighted: u32 = (0..len).zip(chunk).map(|(j, &x)| (len - j) * x as u32).sum();
        s2 = (s2 + len as u64 * s1 + weighted as u64) % MOD as u64;
        s1 = (s1 + sum as u64) % MOD as u64;
    }
    ((s2 << 16) | s1) as u32
}
// endregion

// region: export
/// Adler-32 of `len` bytes at `data`.
///
/// # Safety
/// `data` must point to `len` readable bytes that stay valid and unmodified for
/// the duration of the call. `data` may be null only when `len` is 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cs_adler32(data: *const u8, len: usize) -> u32 {
    if len == 0 {
        return adler32(1, &[]);
    }
    // SAFETY: the caller promises `len` readable bytes at `data` (see above).
    let bytes = unsafe { std::slice::from_raw_parts(data, len) };
    adler32(1, bytes)
}
// endregion

// region: noop
/// Does nothing: benchmarks use it to measure the cost of the crossing alone.
#[unsafe(no_mangle)]
pub extern "C" fn cs_noop() {}
// endregion

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook definition: one byte at a time, modulo after every step.
    fn adler32_reference(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for &x in data {
            a = (a + x as u32) % MOD;
            b = (b + a) % MOD;
        }
        (b << 16) | a
    }

    #[test]
    fn known_vectors() {
        assert_eq!(adler32(1, b""), 1);
        assert_eq!(adler32(1, b"a"), 0x0062_0062);
        assert_eq!(adler32(1, b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn matches_reference_across_block_and_nmax_edges() {
        let data: Vec<u8> = (0..3 * NMAX + 37).map(|i| (i * 7 + 255) as u8).collect();
        for len in [0, 1, 15, 16, 17, 255, NMAX - 1, NMAX, NMAX + 1, data.len()] {
            assert_eq!(adler32(1, &data[..len]), adler32_reference(&data[..len]), "len {len}");
        }
    }

    #[test]
    fn all_ff_bytes_do_not_overflow() {
        let data = vec![0xffu8; 4 * NMAX + 3];
        assert_eq!(adler32(1, &data), adler32_reference(&data));
    }

    #[test]
    fn export_accepts_null_for_empty_input() {
        assert_eq!(unsafe { cs_adler32(std::ptr::null(), 0) }, 1);
    }
}
