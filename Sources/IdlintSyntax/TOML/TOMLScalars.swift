/// TOML's strings, numbers, booleans and dates, read where the reader stands.
extension TOMLReader {
    /// `"..."` with escapes, on one line.
    mutating func basicString() throws -> String {
        let start = position()
        offset += 1
        var text: [UInt8] = []
        while let byte = peek {
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &text)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw fail("unterminated string: a basic string ends on its line", at: start)
            default:
                if Self.isControl(byte) { throw fail("control character \(Self.describe(byte)) inside a string must be escaped") }
                text.append(byte)
                offset += 1
            }
        }
        throw fail("unterminated string", at: start)
    }

    /// `'...'` as written, on one line.
    mutating func literalString() throws -> String {
        let start = position()
        offset += 1
        let from = offset
        while let byte = peek {
            if byte == UInt8(ascii: "'") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<offset]), as: UTF8.self)
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { throw fail("unterminated string: a literal string ends on its line", at: start) }
            if Self.isControl(byte) { throw fail("control character \(Self.describe(byte)) inside a literal string") }
            offset += 1
        }
        throw fail("unterminated string", at: start)
    }

    /// `"""..."""` or `'''...'''`: a new line right after the opening quotes is dropped,
    /// CRLF becomes LF, and in the basic form a backslash at the end of a line joins it to
    /// the next text. One or two quotes may stand before the closing three.
    mutating func multilineString(literal: Bool) throws -> String {
        let start = position()
        let quote = literal ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        offset += 3
        if peek == UInt8(ascii: "\n") {
            offset += 1
        } else if peek == UInt8(ascii: "\r"), peek(at: 1) == UInt8(ascii: "\n") {
            offset += 2
        }
        var text: [UInt8] = []
        while let byte = peek {
            switch byte {
            case quote:
                var run = 0
                while peek == quote { run += 1; offset += 1 }
                if run < 3 {
                    text += repeatElement(quote, count: run)
                    continue
                }
                guard run <= 5 else { throw fail("too many quotes at the end of a multi-line string") }
                text += repeatElement(quote, count: run - 3)
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\") where !literal:
                if try !lineEndingBackslash() { try escape(into: &text) }
            case UInt8(ascii: "\r"):
                guard peek(at: 1) == UInt8(ascii: "\n") else { throw fail("a carriage return must be followed by a line feed") }
                text.append(0x0A)
                offset += 2
            case UInt8(ascii: "\n"):
                text.append(0x0A)
                offset += 1
            default:
                if Self.isControl(byte) { throw fail("control character \(Self.describe(byte)) inside a string must be escaped") }
                text.append(byte)
                offset += 1
            }
        }
        throw fail("unterminated multi-line string", at: start)
    }

    /// A backslash followed by spaces and a new line: it and every space and new line after
    /// it are dropped. False (nothing read) for any other backslash.
    private mutating func lineEndingBackslash() throws -> Bool {
        var index = offset + 1
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index < bytes.count, bytes[index] == 0x0A || (bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) else { return false }
        offset = index
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || (byte == 0x0D && peek(at: 1) == 0x0A) { offset += 1 }
        return true
    }

    private mutating func escape(into text: inout [UInt8]) throws {
        let place = position()
        offset += 1
        guard let byte = peek else { throw fail("unterminated escape", at: place) }
        offset += 1
        switch byte {
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "\""): text.append(0x22)
        case UInt8(ascii: "\\"): text.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = byte == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<digits {
                guard let digit = peek.flatMap(HexDigit.value) else { throw fail("\\\(Character(Unicode.Scalar(byte))) takes \(digits) hex digits", at: place) }
                value = value << 4 | UInt32(digit)
                offset += 1
            }
            guard let scalar = Unicode.Scalar(value) else { throw fail("escape names no Unicode scalar value", at: place) }
            text += Array(String(Character(scalar)).utf8)
        default:
            throw fail("invalid escape \\\(Self.describe(byte).trimmingQuotes)", at: place)
        }
    }


    // MARK: - Booleans, numbers and dates

    /// A value that is not quoted, not an array and not a table: its text as the tree
    /// keeps it (integers in decimal, underscores dropped from floats, dates as written).
    mutating func bareValue() throws -> String {
        let start = offset
        while let byte = peek, !Self.endsBareValue(byte) { offset += 1 }
        // `1979-05-27 07:32:00`: a space may part a date from its time.
        if offset - start == 10, peek == 0x20, let first = peek(at: 1), let second = peek(at: 2), Self.isDigit(first), Self.isDigit(second), peek(at: 3) == UInt8(ascii: ":") {
            offset += 1
            while let byte = peek, !Self.endsBareValue(byte) { offset += 1 }
        }
        let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        guard !token.isEmpty else {
            throw fail(peek.map { "unexpected character \(Self.describe($0)), a value was expected" } ?? "unexpected end of file, a value was expected")
        }
        if token == "true" || token == "false" { return token }
        if let number = TOMLNumber.normalized(token) { return number }
        if TOMLDate.isValid(token) { return token }
        // The token is not quoted back: an unquoted value is often a secret written
        // without its quotes, and a syntax error must not print it.
        let allDigits = token.utf8.allSatisfy { Self.isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
        throw fail(allDigits
                   ? "an integer that does not fit in 64 bits, or is not written as TOML defines integers"
                   : "an unquoted value that is not a TOML number, boolean or date (strings are quoted), starting with \(Self.describe(token.utf8.first!))",
                   at: position(start))
    }

    private static func endsBareValue(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"): true
        default: false
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

private extension String {
    var trimmingQuotes: String { hasPrefix("'") && hasSuffix("'") && count > 1 ? String(dropFirst().dropLast()) : self }
}
