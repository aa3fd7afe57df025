/// Byte-level helpers for UTF-8 text that every parser shares.
package enum UTF8Text {
    /// Unicode scalars in `bytes[from..<to]`: every byte that is not a continuation byte.
    package static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var count = 0
        var index = from
        while index < to {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    /// Whether `needle` occurs in `bytes`. Whole files are searched this way (for an
    /// inline suppression's marker), so a long text is searched as Horspool's search does:
    /// the byte under the needle's last position says how far the needle can move. A short
    /// one (a fingerprint's evidence, a path) is compared position by position, cheaper
    /// than making the table of moves.
    package static func contains(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = needle.count
        guard length > 0 else { return true }
        guard bytes.count >= length else { return false }
        guard bytes.count >= 256 else {
            return (0...(bytes.count - length)).contains { start in (0..<length).allSatisfy { bytes[start + $0] == needle[$0] } }
        }
        var shift = [Int](repeating: length, count: 256)
        for index in 0..<length - 1 { shift[Int(needle[index])] = length - 1 - index }
        let last = needle[length - 1]
        var end = length - 1
        while end < bytes.count {
            let byte = bytes[end]
            if byte == last {
                var offset = 1
                while offset < length, bytes[end - offset] == needle[length - 1 - offset] { offset += 1 }
                if offset == length { return true }
            }
            end += shift[Int(byte)]
        }
        return false
    }

    /// Offset of the first byte that breaks UTF-8 well-formedness, or nil when the text is valid.
    package static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let width: Int
            let minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: width = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
            case 0xE0...0xEF: width = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
            case 0xF0...0xF4: width = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
            default: return index
            }
            guard index + width <= count else { return index }
            for offset in 1..<width {
                let byte = bytes[index + offset]
                guard byte & 0xC0 == 0x80 else { return index }
                scalar = (scalar << 6) | UInt32(byte & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += width
        }
        return nil
    }
}
