//! The smallest honest crossing: one Rust function that Go calls through cgo.

// region: export
/// Adds two 32-bit integers, wrapping on overflow exactly like Go's `int32` addition.
///
/// `extern "C"` gives the function the platform's C calling convention, and
/// `#[unsafe(no_mangle)]` keeps its symbol name `hb_add` so the C linker finds it.
/// Edition 2024 requires the `unsafe(...)` wrapper: an unmangled name can clash
/// with any other symbol in the final binary, and the author vouches that it won't.
#[unsafe(no_mangle)]
pub extern "C" fn hb_add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}
// endregion

// region: version
/// The library's ABI version. Go checks it once at start-up, so a Go wrapper
/// built against one header never runs silently against another library.
pub const HB_ABI_VERSION: u32 = 1;

#[unsafe(no_mangle)]
pub extern "C" fn hb_abi_version() -> u32 {
    HB_ABI_VERSION
}
// endregion

#[cfg(test)]
mod tests {
    use super::*;

    // region: rust-test
    #[test]
    fn adds_like_go_int32() {
        assert_eq!(hb_add(2, 40), 42);
        assert_eq!(hb_add(-5, 5), 0);
        // Go's int32 addition wraps; the Rust side must agree, not panic.
        assert_eq!(hb_add(i32::MAX, 1), i32::MIN);
    }
    // endregion

    #[test]
    fn reports_its_abi_version() {
        assert_eq!(hb_abi_version(), HB_ABI_VERSION);
    }
}
