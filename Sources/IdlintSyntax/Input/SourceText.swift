/// Checks and normalises raw file bytes before any parser sees them: UTF-8 is required
/// (UTF-16 with a byte order mark is converted), a UTF-8 BOM is dropped, and NUL bytes
/// or invalid sequences are refused with the position of the first bad byte.
public enum SourceText {
    public static func hasUTF16ByteOrderMark(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
    }

    public static func prepare(_ raw: [UInt8]) throws -> [UInt8] {
        if hasUTF16ByteOrderMark(raw) {
            return try utf16ToUTF8(raw, littleEndian: raw[0] == 0xFF)
        }
        let hasBOM = raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF
        let text = hasBOM ? Array(raw[3...]) : raw
        try text.withUnsafeBufferPointer { bytes throws in
            if let bad = UTF8Text.firstInvalidOffset(bytes) {
                let position = LineIndex(bytes).position(ofOffset: bad, in: bytes)
                throw SyntaxError(.invalidEncoding, "invalid UTF-8 byte 0x\(String(bytes[bad], radix: 16, uppercase: true)); files must be UTF-8", at: position)
            }
            if let nul = bytes.firstIndex(of: 0) {
                let position = LineIndex(bytes).position(ofOffset: nul, in: bytes)
                throw SyntaxError(.invalidEncoding, "NUL byte: binary content, or UTF-16 without a byte order mark, is not read as configuration", at: position)
            }
        }
        return text
    }

    private static func utf16ToUTF8(_ raw: [UInt8], littleEndian: Bool) throws -> [UInt8] {
        guard raw.count % 2 == 0 else {
            throw SyntaxError(.invalidEncoding, "UTF-16 text with an odd number of bytes")
        }
        let units = stride(from: 2, to: raw.count, by: 2).map { index -> UInt16 in
            let first = UInt16(raw[index]), second = UInt16(raw[index + 1])
            return littleEndian ? first | second << 8 : first << 8 | second
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count)
        let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) { output.append($0) }
        if failed {
            throw SyntaxError(.invalidEncoding, "invalid UTF-16 surrogate sequence")
        }
        // The converted text goes through the same checks as any UTF-8 file.
        return try prepare(output)
    }
}
