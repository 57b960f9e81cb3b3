package security

import (
	"bytes"
	"encoding/binary"
	"errors"
	"unicode/utf8"
)

// region: reference
// parseReference is a second, independent reader of the format, in Go. The
// fuzz target compares Rust's verdict with it: Go's fuzzer sees coverage only
// of Go code, so this parser is also what guides it through the format.
func parseReference(doc []byte) (entries map[string]string, count int, err error) {
	if len(doc) > MaxDoc {
		return nil, 0, errors.New("too large")
	}
	if len(doc) < 8 {
		return nil, 0, errors.New("truncated header")
	}
	if !bytes.Equal(doc[:4], []byte("HBK1")) {
		return nil, 0, errors.New("bad magic")
	}
	rest := doc[8:]
	entries = map[string]string{}
	for range binary.LittleEndian.Uint32(doc[4:8]) {
		if len(rest) < 1 {
			return nil, 0, errors.New("truncated key length")
		}
		keyLen := int(rest[0])
		if keyLen == 0 || keyLen > MaxKey {
			return nil, 0, errors.New("bad key length")
		}
		if len(rest) < 1+keyLen+2 {
			return nil, 0, errors.New("truncated key")
		}
		key := rest[1 : 1+keyLen]
		valueLen := int(binary.LittleEndian.Uint16(rest[1+keyLen:]))
		rest = rest[1+keyLen+2:]
		if len(rest) < valueLen {
			return nil, 0, errors.New("truncated value")
		}
		value := rest[:valueLen]
		rest = rest[valueLen:]
		for _, field := range [][]byte{key, value} {
			if !utf8.Valid(field) || bytes.IndexByte(field, 0) >= 0 {
				return nil, 0, errors.New("bad text")
			}
		}
		if _, seen := entries[string(key)]; !seen {
			entries[string(key)] = string(value)
		}
		count++
	}
	if len(rest) != 0 {
		return nil, 0, errors.New("trailing bytes")
	}
	return entries, count, nil
}

// endregion

// encode builds a document from trusted entries, for tests.
func encode(entries ...[2]string) []byte {
	doc := binary.LittleEndian.AppendUint32([]byte("HBK1"), uint32(len(entries)))
	for _, e := range entries {
		doc = append(doc, byte(len(e[0])))
		doc = append(doc, e[0]...)
		doc = binary.LittleEndian.AppendUint16(doc, uint16(len(e[1])))
		doc = append(doc, e[1]...)
	}
	return doc
}
