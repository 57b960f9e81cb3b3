//! Semantic versions (`MAJOR.MINOR.PATCH`) parsed and decoded in Rust, with
//! errors that Go receives as typed values.
//!
//! This file is the Rust API: it returns `Result` and knows nothing about C.
//! `ffi.rs` is the only place that turns a `Result` (or a panic) into a status
//! code and a message for the C ABI.

use std::fmt;

pub mod ffi;
mod testhook;

/// A semantic version without pre-release or build metadata.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

// region: error-enum
/// Everything that can go wrong, as one Rust enum. Each variant carries the
/// details a caller needs; the C ABI flattens a variant into a status code,
/// a byte offset and a message, and Go rebuilds a typed error from those.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// A pointer argument was NULL where the contract requires memory.
    NullPointer { arg: &'static str },
    /// A fixed-size input had another length.
    WrongLength { expected: usize, got: usize },
    /// Text was not UTF-8 (a Go `string` may hold any bytes; a Rust `&str` may not).
    InvalidUtf8 { valid_up_to: usize },
    /// Text was UTF-8 but not a version.
    Syntax { offset: usize, reason: &'static str },
    /// A number did not fit in 32 bits.
    Overflow { offset: usize },
    /// The Rust code panicked: a bug, caught at the boundary.
    Panic { message: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NullPointer { arg } => write!(f, "null pointer for {arg}"),
            Error::WrongLength { expected, got } => {
                write!(f, "wrong length: want {expected} bytes, got {got}")
            }
            Error::InvalidUtf8 { valid_up_to } => {
                write!(f, "invalid UTF-8 after byte {valid_up_to}")
            }
            Error::Syntax { offset, reason } => write!(f, "{reason} at byte {offset}"),
            Error::Overflow { offset } => {
                write!(f, "number at byte {offset} does not fit in 32 bits")
            }
            Error::Panic { message } => write!(f, "rust panicked: {message}"),
        }
    }
}

impl std::error::Error for Error {}
// endregion

impl Error {
    /// The byte offset into the input the error points at, when there is one.
    pub fn offset(&self) -> Option<usize> {
        match *self {
            Error::InvalidUtf8 { valid_up_to } => Some(valid_up_to),
            Error::Syntax { offset, .. } | Error::Overflow { offset } => Some(offset),
            _ => None,
        }
    }
}

// region: parse
/// Parses `MAJOR.MINOR.PATCH`: three decimal numbers without leading zeros,
/// each below 2³², separated by dots. Offsets in errors are byte offsets.
pub fn parse(text: &str) -> Result<Version, Error> {
    if text.is_empty() {
        return Err(Error::Syntax {
            offset: 0,
            reason: "empty version",
        });
    }
    let bytes = text.as_bytes();
    let mut parts = [0u32; 3];
    let mut at = 0;
    for (i, part) in parts.iter_mut().enumerate() {
        if i > 0 {
            match bytes.get(at) {
                Some(b'.') => at += 1,
                Some(_) => {
                    return Err(Error::Syntax {
                        offset: at,
                        reason: "expected '.'",
                    });
                }
                None => {
                    return Err(Error::Syntax {
                        offset: at,
                        reason: "missing component",
                    });
                }
            }
        }
        let start = at;
        while bytes.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        let digits = &text[start..at];
        if digits.is_empty() {
            return Err(Error::Syntax {
                offset: start,
                reason: "expected a digit",
            });
        }
        if digits.len() > 1 && digits.starts_with('0') {
            return Err(Error::Syntax {
                offset: start,
                reason: "leading zero",
            });
        }
        *part = digits
            .parse()
            .map_err(|_| Error::Overflow { offset: start })?;
    }
    if at != bytes.len() {
        return Err(Error::Syntax {
            offset: at,
            reason: "unexpected text after version",
        });
    }
    Ok(Version {
        major: parts[0],
        minor: parts[1],
        patch: parts[2],
    })
}
// endregion

/// The packed binary form: three little-endian `u32`s, 12 bytes.
const ENCODED_LEN: usize = ffi::EM_ENCODED_LEN;

/// Decodes the packed binary form. Any length but 12 is an error.
pub fn decode(bytes: &[u8]) -> Result<Version, Error> {
    let bytes: &[u8; ENCODED_LEN] = bytes.try_into().map_err(|_| Error::WrongLength {
        expected: ENCODED_LEN,
        got: bytes.len(),
    })?;
    let word = |i: usize| u32::from_le_bytes(bytes[4 * i..4 * i + 4].try_into().unwrap());
    Ok(Version {
        major: word(0),
        minor: word(1),
        patch: word(2),
    })
}

// region: bug
impl Version {
    /// The next major version. The author assumed no major version ever
    /// reaches 2³² − 1 and wrote `expect`: at `u32::MAX` this panics. It is the
    /// kind of bug every codebase has somewhere, kept here to show what a
    /// panic does at the boundary.
    pub fn bump_major(self) -> Version {
        let major = self.major.checked_add(1).expect("major version overflow");
        Version {
            major,
            minor: 0,
            patch: 0,
        }
    }
}
// endregion

#[cfg(test)]
mod tests {
    use super::*;

    // region: rust-test
    #[test]
    fn parses_and_reports_where_it_failed() {
        assert_eq!(
            parse("1.27.3"),
            Ok(Version {
                major: 1,
                minor: 27,
                patch: 3
            })
        );
        assert_eq!(parse("0.0.0").unwrap().to_string(), "0.0.0");
        assert_eq!(
            parse("1.x.3"),
            Err(Error::Syntax {
                offset: 2,
                reason: "expected a digit"
            })
        );
        assert_eq!(
            parse("1.2"),
            Err(Error::Syntax {
                offset: 3,
                reason: "missing component"
            })
        );
        assert_eq!(
            parse("01.2.3"),
            Err(Error::Syntax {
                offset: 0,
                reason: "leading zero"
            })
        );
        assert_eq!(parse("1.2.99999999999"), Err(Error::Overflow { offset: 4 }));
        assert_eq!(
            parse("1.2.3-rc1"),
            Err(Error::Syntax {
                offset: 5,
                reason: "unexpected text after version"
            })
        );
    }
    // endregion

    #[test]
    fn largest_component_fits_and_next_overflows() {
        assert_eq!(parse("4294967295.0.0").unwrap().major, u32::MAX);
        assert_eq!(parse("4294967296.0.0"), Err(Error::Overflow { offset: 0 }));
    }

    #[test]
    fn non_ascii_is_a_syntax_error_at_its_byte_offset() {
        assert_eq!(
            parse("1.2.٣"),
            Err(Error::Syntax {
                offset: 4,
                reason: "expected a digit"
            })
        );
    }

    #[test]
    fn decodes_only_twelve_bytes() {
        let mut b = [0u8; 12];
        b[0] = 1;
        b[4] = 2;
        b[8] = 3;
        assert_eq!(
            decode(&b),
            Ok(Version {
                major: 1,
                minor: 2,
                patch: 3
            })
        );
        assert_eq!(
            decode(&b[..11]),
            Err(Error::WrongLength {
                expected: 12,
                got: 11
            })
        );
        assert_eq!(
            decode(&[]),
            Err(Error::WrongLength {
                expected: 12,
                got: 0
            })
        );
    }

    #[test]
    #[should_panic(expected = "major version overflow")]
    fn bump_major_panics_at_the_top() {
        Version {
            major: u32::MAX,
            minor: 0,
            patch: 0,
        }
        .bump_major();
    }
}
