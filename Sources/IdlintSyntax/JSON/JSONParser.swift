/// Strict JSON (RFC 8259), or JSONC where the file's place says so (`JSONWithComments`),
/// with the line and column of every value. Foundation's parser
/// gives no positions, and libyaml rejects valid JSON (surrogate pairs, long keys), so
/// this is a small recursive-descent scanner over the bytes, depth-bounded by the builder.
public struct JSONParser: DocumentParser {
    /// For JSON embedded in a string of another file: every node is placed on the string.
    private let embeddedAt: SourceSpan?
    /// For JSON written as lines of another file (a heredoc): places moved down by so
    /// many lines and right by so many columns.
    private let shift: (lines: Int, columns: Int)?

    public init() {
        embeddedAt = nil
        shift = nil
    }

    public init(embeddedAt span: SourceSpan) {
        embeddedAt = span
        shift = nil
    }

    public init(shiftedBy lines: Int, columns: Int) {
        embeddedAt = nil
        shift = (lines, columns)
    }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String, limits: ParseLimits, emit: (Document) throws -> Void) throws {
        var scanner = JSONScanner(bytes: bytes, builder: DocumentBuilder(file: file, indexInFile: 0, syntax: .json, limits: limits, fixedSpan: embeddedAt, shift: shift),
                                  allowsComments: embeddedAt == nil && shift == nil && JSONWithComments.allowsComments(in: file))
        try scanner.skipWhitespace()
        guard scanner.offset < bytes.count else {
            throw SyntaxError(.malformed, "empty JSON file", at: scanner.position())
        }
        // JSON Lines (`gcloud asset export`, log exports) hold one value a line: each is a
        // document of its own, keeping its own lines. Only in a file of its own, never in
        // JSON held in another file's string, and only a value that starts a new line.
        let readsLines = embeddedAt == nil && shift == nil
        while true {
            try scanner.parseValue()
            let valueEndLine = scanner.currentLine
            try scanner.skipWhitespace()
            let more = scanner.offset < bytes.count
            if more, !readsLines || scanner.currentLine == valueEndLine {
                throw SyntaxError(.malformed, "unexpected content after the JSON value", at: scanner.position())
            }
            try emit(try scanner.builder.finish())
            if !more { return }
        }
    }
}

private struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var builder: DocumentBuilder
    var offset = 0
    private var line = 1
    private var lineStart = 0
    private var cursorOffset = 0
    private var cursorColumn = 0
    private var scratch: [UInt8] = []
    /// JSONC (`JSONWithComments`): comments are whitespace, a trailing comma is allowed.
    private let allowsComments: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, builder: DocumentBuilder, allowsComments: Bool = false) {
        self.bytes = bytes
        self.builder = builder
        self.allowsComments = allowsComments
    }

    /// Position of `offset` (default: the current one). Columns advance incrementally,
    /// so a single 100 MB line costs one pass, not one pass per value.
    mutating func position(_ at: Int? = nil) -> SourcePosition {
        let target = min(at ?? offset, bytes.count)
        if target < cursorOffset || cursorOffset < lineStart {
            cursorOffset = lineStart
            cursorColumn = 0
        }
        cursorColumn += UTF8Text.scalarCount(bytes, from: cursorOffset, to: target)
        cursorOffset = target
        return SourcePosition(line: line, column: cursorColumn + 1)
    }

    /// The line the scanner is on (where the next value starts after whitespace).
    var currentLine: Int { line }

    mutating func skipWhitespace() throws {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0D:
                offset += 1
            case 0x0A:
                offset += 1
                line += 1
                lineStart = offset
            case UInt8(ascii: "/") where allowsComments:
                try skipComment()
            default:
                return
            }
        }
    }

    /// A `//` comment to the end of its line, or a `/* */` comment across lines.
    private mutating func skipComment() throws {
        let start = position()
        guard offset + 1 < bytes.count else { throw fail("unexpected character '/', a value was expected") }
        switch bytes[offset + 1] {
        case UInt8(ascii: "/"):
            offset += 2
            while offset < bytes.count, bytes[offset] != 0x0A { offset += 1 }
        case UInt8(ascii: "*"):
            offset += 2
            while offset + 1 < bytes.count, !(bytes[offset] == UInt8(ascii: "*") && bytes[offset + 1] == UInt8(ascii: "/")) {
                if bytes[offset] == 0x0A {
                    line += 1
                    lineStart = offset + 1
                }
                offset += 1
            }
            guard offset + 1 < bytes.count else { throw fail("a '/*' comment is not closed", at: start) }
            offset += 2
        default:
            throw fail("unexpected character '/', a value was expected")
        }
    }

    mutating func parseValue() throws {
        guard offset < bytes.count else { throw fail("unexpected end of file, a value was expected") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): try parseObject()
        case UInt8(ascii: "["): try parseArray()
        case UInt8(ascii: "\""): try parseString()
        case UInt8(ascii: "t"): try parseLiteral("true")
        case UInt8(ascii: "f"): try parseLiteral("false")
        case UInt8(ascii: "n"): try parseLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
        default: throw fail("unexpected character \(describe(bytes[offset])), a value was expected")
        }
    }

    private mutating func parseObject() throws {
        try builder.beginContainer(.mapping, tag: nil, anchor: nil, start: position())
        offset += 1
        try skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            offset += 1
            try builder.endContainer(end: position())
            return
        }
        while true {
            guard peek(UInt8(ascii: "\"")) else { throw fail("an object key in double quotes was expected") }
            try parseString()
            try skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw fail("':' was expected after the object key") }
            offset += 1
            try skipWhitespace()
            try parseValue()
            try skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                offset += 1
                try skipWhitespace()
                if peek(UInt8(ascii: "}")) {
                    guard allowsComments else { throw fail("trailing comma before '}'") }
                    offset += 1
                    try builder.endContainer(end: position())
                    return
                }
                continue
            }
            guard peek(UInt8(ascii: "}")) else { throw fail("',' or '}' was expected in the object") }
            offset += 1
            try builder.endContainer(end: position())
            return
        }
    }

    private mutating func parseArray() throws {
        try builder.beginContainer(.sequence, tag: nil, anchor: nil, start: position())
        offset += 1
        try skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            offset += 1
            try builder.endContainer(end: position())
            return
        }
        while true {
            try parseValue()
            try skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                offset += 1
                try skipWhitespace()
                if peek(UInt8(ascii: "]")) {
                    guard allowsComments else { throw fail("trailing comma before ']'") }
                    offset += 1
                    try builder.endContainer(end: position())
                    return
                }
                continue
            }
            guard peek(UInt8(ascii: "]")) else { throw fail("',' or ']' was expected in the array") }
            offset += 1
            try builder.endContainer(end: position())
            return
        }
    }

    private mutating func parseString() throws {
        let start = position()
        offset += 1
        let contentStart = offset
        // Fast path: no escapes, the bytes are the value.
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<offset])
                offset += 1
                try builder.scalar(content, style: .quoted, tag: nil, anchor: nil, start: start, end: position())
                return
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character \(describe(byte)) inside a string must be escaped") }
            offset += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[contentStart..<offset]))
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                let end = position()
                try scratch.withUnsafeBufferPointer { decoded in
                    try builder.scalar(decoded, style: .quoted, tag: nil, anchor: nil, start: start, end: end)
                }
                return
            case UInt8(ascii: "\\"):
                try parseEscape()
            case 0..<0x20:
                throw fail("control character \(describe(byte)) inside a string must be escaped")
            default:
                scratch.append(byte)
                offset += 1
            }
        }
        throw fail("unterminated string", at: start)
    }

    private mutating func parseEscape() throws {
        let escapeStart = offset
        offset += 1
        guard offset < bytes.count else { throw fail("unterminated escape") }
        let byte = bytes[offset]
        offset += 1
        switch byte {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var value = try hexQuad()
            if (0xD800...0xDBFF).contains(value) {
                guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                    throw fail("lone high surrogate in \\u escape", at: position(escapeStart))
                }
                offset += 2
                let low = try hexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid surrogate pair in \\u escape", at: position(escapeStart)) }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(value) {
                throw fail("lone low surrogate in \\u escape", at: position(escapeStart))
            }
            scratch.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(value)!)!)
        default:
            throw fail("invalid escape \\\(describe(byte))", at: position(escapeStart))
        }
    }

    private mutating func hexQuad() throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw fail("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            guard let digit = HexDigit.value(byte) else { throw fail("invalid hex digit \(describe(byte)) in \\u escape") }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    private mutating func parseLiteral(_ word: StaticString) throws {
        let start = offset
        let length = word.utf8CodeUnitCount
        guard offset + length <= bytes.count,
              UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]).elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: length))
        else { throw fail("invalid literal, expected \(word)") }
        offset += length
        try endOfPlainScalar(from: start)
    }

    private mutating func parseNumber() throws {
        let start = offset
        if peek(UInt8(ascii: "-")) { offset += 1 }
        guard offset < bytes.count, isDigit(bytes[offset]) else { throw fail("a digit was expected in the number") }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
            if offset < bytes.count, isDigit(bytes[offset]) { throw fail("leading zeros are not allowed in numbers") }
        } else {
            while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
        }
        if peek(UInt8(ascii: ".")) {
            offset += 1
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw fail("a digit was expected after the decimal point") }
            while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw fail("a digit was expected in the exponent") }
            while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
        }
        try endOfPlainScalar(from: start)
    }

    private mutating func endOfPlainScalar(from start: Int) throws {
        let startPosition = position(start)
        let endPosition = position()
        try builder.scalar(UnsafeBufferPointer(rebasing: bytes[start..<offset]), style: .plain, tag: nil, anchor: nil, start: startPosition, end: endPosition)
    }

    private func peek(_ byte: UInt8) -> Bool {
        offset < bytes.count && bytes[offset] == byte
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "0x\(String(byte, radix: 16, uppercase: true))"
    }

    private mutating func fail(_ message: String, at position: SourcePosition? = nil) -> SyntaxError {
        SyntaxError(.malformed, message, at: position ?? self.position())
    }
}
