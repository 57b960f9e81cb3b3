//! A parser of untrusted documents, in safe Rust only: a bug here can be a wrong answer
//! or a panic, never undefined behaviour, so the fuzzers and reviewers can spend their
//! attention on the thin FFI crate.
//!
//! The format, all integers little-endian: `"HBK1"`, a `u32` entry count, then per
//! entry a `u8` key length (1..=64), the key, a `u16` value length and the value. Keys
//! and values are UTF-8 without NUL bytes; nothing may follow the last entry.
// region: forbid
#![forbid(unsafe_code)]
// endregion

use std::fmt;

pub const MAGIC: &[u8; 4] = b"HBK1";
/// The largest document accepted: the caller's memory is not ours to exhaust.
pub const MAX_DOC: usize = 1 << 20;
pub const MAX_KEY: usize = 64;
/// The smallest entry: a key length, a one-byte key, a value length, an empty value.
pub const MIN_ENTRY: usize = 1 + 1 + 2;

/// Why a document was refused. Every variant is a property of the input, never of the
/// parser's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    TooLarge,
    BadMagic,
    Truncated,
    CountTooLarge,
    BadKeyLength,
    BadUtf8,
    NulByte,
    TrailingBytes,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::TooLarge => "document larger than 1 MiB",
            Self::BadMagic => "not an HBK1 document",
            Self::Truncated => "document ends inside a field",
            Self::CountTooLarge => "entry count larger than the document can hold",
            Self::BadKeyLength => "key length not in 1..=64",
            Self::BadUtf8 => "key or value is not UTF-8",
            Self::NulByte => "key or value holds a NUL byte",
            Self::TrailingBytes => "bytes after the last entry",
        })
    }
}

impl std::error::Error for ParseError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    pub key: &'a str,
    pub value: &'a str,
}

/// A parsed document: borrowed from the input, so it lives no longer than the bytes it
/// was parsed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc<'a> {
    entries: Vec<Entry<'a>>,
}

impl<'a> Doc<'a> {
    pub fn entries(&self) -> &[Entry<'a>] {
        &self.entries
    }

    /// The value of the first entry with this key.
    pub fn get(&self, key: &str) -> Option<&'a str> {
        self.entries.iter().find(|e| e.key == key).map(|e| e.value)
    }
}

// region: reader
/// A cursor that never reads past the end: every length comes from the input, so every
/// step is checked.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ParseError> {
        // checked_add: `pos + n` must not wrap around to a small, in-bounds number.
        let end = self.pos.checked_add(n).ok_or(ParseError::Truncated)?;
        let field = self.bytes.get(self.pos..end).ok_or(ParseError::Truncated)?;
        self.pos = end;
        Ok(field)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ParseError> {
        Ok(self.take(N)?.try_into().expect("take returned N bytes"))
    }

    fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }
}
// endregion

/// Parses a document, refusing anything the format does not allow.
pub fn parse(doc: &[u8]) -> Result<Doc<'_>, ParseError> {
    if doc.len() > MAX_DOC {
        return Err(ParseError::TooLarge);
    }
    let mut r = Reader { bytes: doc, pos: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return Err(ParseError::BadMagic);
    }
    // region: count
    // The count is the attacker's number: before it sizes an allocation, the bytes that
    // follow must be able to hold that many entries. Multiplying could wrap where usize
    // is 32 bits; checked_mul refuses instead.
    let count =
        usize::try_from(u32::from_le_bytes(r.array()?)).map_err(|_| ParseError::CountTooLarge)?;
    let least = count
        .checked_mul(MIN_ENTRY)
        .ok_or(ParseError::CountTooLarge)?;
    if least > r.remaining() {
        return Err(ParseError::CountTooLarge);
    }
    let mut entries = Vec::with_capacity(count);
    // endregion
    for _ in 0..count {
        let key_len = usize::from(r.array::<1>()?[0]);
        if !(1..=MAX_KEY).contains(&key_len) {
            return Err(ParseError::BadKeyLength);
        }
        let key = text(r.take(key_len)?)?;
        let value_len = usize::from(u16::from_le_bytes(r.array()?));
        let value = text(r.take(value_len)?)?;
        entries.push(Entry { key, value });
    }
    if r.remaining() != 0 {
        return Err(ParseError::TrailingBytes);
    }
    Ok(Doc { entries })
}

// region: text
/// Keys and values go on to C strings and Go strings: UTF-8, and no NUL that would cut
/// a C string short.
fn text(field: &[u8]) -> Result<&str, ParseError> {
    let s = std::str::from_utf8(field).map_err(|_| ParseError::BadUtf8)?;
    if field.contains(&0) {
        return Err(ParseError::NulByte);
    }
    Ok(s)
}
// endregion

/// Encodes entries in the format `parse` reads; for tests, seed corpora and the
/// example's command.
///
/// # Panics
///
/// If a key or value is longer than the format can say: callers build documents from
/// trusted data.
pub fn encode(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend(
        u32::try_from(entries.len())
            .expect("fewer than 2^32 entries")
            .to_le_bytes(),
    );
    for (key, value) in entries {
        out.push(u8::try_from(key.len()).expect("key fits a u8 length"));
        out.extend(key.as_bytes());
        out.extend(
            u16::try_from(value.len())
                .expect("value fits a u16 length")
                .to_le_bytes(),
        );
        out.extend(value.as_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let bytes = encode(&[("lang", "rust"), ("ffi", "cgo"), ("empty", "")]);
        let doc = parse(&bytes).unwrap();
        assert_eq!(doc.entries().len(), 3);
        assert_eq!(doc.get("ffi"), Some("cgo"));
        assert_eq!(doc.get("empty"), Some(""));
        assert_eq!(doc.get("go"), None);
    }

    #[test]
    fn refuses_each_malformation() {
        let good = encode(&[("k", "v")]);
        let with = |at: usize, byte: u8| {
            let mut b = good.clone();
            b[at] = byte;
            b
        };
        assert_eq!(parse(b"HBK"), Err(ParseError::Truncated));
        assert_eq!(parse(&with(0, b'X')), Err(ParseError::BadMagic));
        assert_eq!(parse(&with(8, 0)), Err(ParseError::BadKeyLength));
        assert_eq!(parse(&with(8, 65)), Err(ParseError::BadKeyLength));
        assert_eq!(parse(&with(4, 2)), Err(ParseError::CountTooLarge));
        assert_eq!(parse(&with(9, 0xff)), Err(ParseError::BadUtf8));
        assert_eq!(parse(&with(9, 0)), Err(ParseError::NulByte));
        assert_eq!(parse(&with(12, 0)), Err(ParseError::NulByte));
        assert_eq!(
            parse(&[good.as_slice(), b"x"].concat()),
            Err(ParseError::TrailingBytes)
        );
        assert_eq!(parse(&good[..good.len() - 1]), Err(ParseError::Truncated));
        assert_eq!(parse(&vec![0; MAX_DOC + 1]), Err(ParseError::TooLarge));
    }

    // region: hostile-count
    #[test]
    fn hostile_count_is_refused_before_allocating() {
        // Twelve bytes claiming 4 294 967 295 entries: trusting the count would ask for
        // u32::MAX * size_of::<Entry>() bytes (almost 128 GiB on 64-bit targets) before
        // reading a single entry.
        let mut hostile = MAGIC.to_vec();
        hostile.extend(u32::MAX.to_le_bytes());
        hostile.extend([1, b'k', 0, 0]);
        assert_eq!(parse(&hostile), Err(ParseError::CountTooLarge));
        #[cfg(target_pointer_width = "64")]
        assert!(u32::MAX as usize * size_of::<Entry>() > 127 << 30);
    }
    // endregion
}
