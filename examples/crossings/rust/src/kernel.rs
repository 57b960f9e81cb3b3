//! Adler-32 (RFC 1950), the checksum example's kernel: every crossing calls
//! this one function.

const MOD: u32 = 65521;
/// zlib's NMAX: the longest chunk whose weighted byte sum fits in u32
/// (255·n(n+1)/2).
pub(crate) const NMAX: usize = 5552;

/// Adler-32 of `data`, starting from the running value `adler` (1 for a fresh
/// sum). On x86-64 the same source is also compiled with AVX2 and picked at run
/// time.
pub fn adler32(adler: u32, data: &[u8]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU was just checked to support AVX2.
        return unsafe { adler32_avx2(adler, data) };
    }
    adler32_baseline(adler, data)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn adler32_avx2(adler: u32, data: &[u8]) -> u32 {
    adler32_chunks(adler, data)
}

/// WebAssembly has no run-time detection: the module either uses 128-bit SIMD
/// or not, and a runtime without it refuses the whole module when it loads it.
/// wazero has it, so this build uses it (which is why Rust lets a safe function
/// enable a wasm feature and be called without `unsafe`).
#[cfg(target_family = "wasm")]
#[target_feature(enable = "simd128")]
fn adler32_baseline(adler: u32, data: &[u8]) -> u32 {
    adler32_chunks(adler, data)
}

#[cfg(not(target_family = "wasm"))]
fn adler32_baseline(adler: u32, data: &[u8]) -> u32 {
    adler32_chunks(adler, data)
}

/// Per chunk, s1 grows by the sum of the bytes and s2 by each byte weighted by
/// how many bytes (itself included) remain in the chunk, plus len·s1:
/// reductions LLVM turns into SIMD code.
#[inline(always)]
fn adler32_chunks(adler: u32, data: &[u8]) -> u32 {
    let (mut s1, mut s2) = ((adler & 0xffff) as u64, (adler >> 16) as u64);
    for chunk in data.chunks(NMAX) {
        let len = chunk.len() as u32;
        let sum: u32 = chunk.iter().map(|&x| x as u32).sum();
        let weighted: u32 = (0..len)
            .zip(chunk)
            .map(|(j, &x)| (len - j) * x as u32)
            .sum();
        s2 = (s2 + len as u64 * s1 + weighted as u64) % MOD as u64;
        s1 = (s1 + sum as u64) % MOD as u64;
    }
    ((s2 << 16) | s1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook definition: one byte at a time, modulo after every step.
    fn reference(data: &[u8]) -> u32 {
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
        assert_eq!(adler32(1, b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    #[cfg_attr(
        miri,
        ignore = "16 KB of safe code: known_vectors covers the path under Miri"
    )]
    fn matches_reference_across_nmax_edges() {
        let data: Vec<u8> = (0..3 * NMAX + 37).map(|i| (i * 7 + 255) as u8).collect();
        for len in [0, 1, 16, NMAX - 1, NMAX, NMAX + 1, data.len()] {
            assert_eq!(
                adler32(1, &data[..len]),
                reference(&data[..len]),
                "len {len}"
            );
        }
        let ff = vec![0xffu8; 4 * NMAX + 3];
        assert_eq!(adler32(1, &ff), reference(&ff));
    }
}
