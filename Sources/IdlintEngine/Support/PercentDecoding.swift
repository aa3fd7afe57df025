import IdlintSyntax

/// URL percent-decoding (RFC 3986), as the IAM API returns policy documents: `%7B%22Version%22...`.
enum PercentDecoding {
    /// The decoded text; nil when an escape is malformed or the bytes are not UTF-8, so
    /// that a damaged document is not read as a different one.
    static func decode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(HexDigit.value), let low = iterator.next().flatMap(HexDigit.value) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

}
