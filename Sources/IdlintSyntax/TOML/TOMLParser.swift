/// TOML 1.0 (Codex's `config.toml`) with the line and column of every key and value,
/// read into the same tree as YAML and JSON: a table is a mapping, an array (and an
/// array of tables) a sequence. Strings are quoted scalars; integers (written in decimal),
/// floats, booleans and dates are plain scalars, dates as written. Nesting is bounded by
/// the limits' depth; malformed input is a `SyntaxError` naming its line and column.
public struct TOMLParser: DocumentParser {
    public init() {}

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String, limits: ParseLimits, emit: (Document) throws -> Void) throws {
        var reader = TOMLReader(bytes: bytes, maxDepth: limits.maxDepth)
        let tree = try reader.read()
        var builder = DocumentBuilder(file: file, indexInFile: 0, syntax: .toml, limits: limits)
        try tree.write(into: &builder, end: reader.position())
        try emit(try builder.finish())
    }
}

/// The grammar: lines of key/value pairs and table headers, and the values they hold.
struct TOMLReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var offset = 0
    private var positions: ForwardPositionTracker
    private var tree = TOMLTree()
    /// The table that key/value lines go into: the last header's.
    private var current = TOMLTree.root
    /// Arrays and inline tables open around the value being read.
    private var nesting = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        positions = ForwardPositionTracker(bytes: bytes)
    }

    mutating func position(_ at: Int? = nil) -> SourcePosition {
        positions.position(ofOffset: at ?? offset)
    }

    var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    func peek(at distance: Int) -> UInt8? {
        offset + distance < bytes.count ? bytes[offset + distance] : nil
    }

    mutating func fail(_ message: String, at place: SourcePosition? = nil) -> SyntaxError {
        SyntaxError(.malformed, message, at: place ?? position())
    }

    mutating func read() throws -> TOMLTree {
        while true {
            skipSpaces()
            guard let byte = peek else { return tree }
            switch byte {
            case UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try endOfLine(after: "a comment")
            case UInt8(ascii: "["):
                try header()
                try endOfLine(after: "a table header")
            default:
                let path = try key()
                try keyValue(path, into: current)
                try endOfLine(after: "a key/value pair")
            }
        }
    }

    // MARK: - Lines

    private mutating func header() throws {
        let start = position()
        let isArray = peek(at: 1) == UInt8(ascii: "[")
        offset += isArray ? 2 : 1
        let path = try key()
        guard peek == UInt8(ascii: "]"), !isArray || peek(at: 1) == UInt8(ascii: "]") else {
            throw fail(isArray ? "']]' was expected to close the array of tables header" : "']' was expected to close the table header")
        }
        offset += isArray ? 2 : 1
        guard path.count < maxDepth else { throw SyntaxError(.tooDeep, "nesting deeper than \(maxDepth) levels is refused", at: start) }
        current = isArray ? try tree.appendArrayElement(path, at: start) : try tree.defineTable(path, at: start)
    }

    /// `= value` after its key, assigned in `table`.
    private mutating func keyValue(_ path: [TOMLTree.Key], into table: Int) throws {
        guard peek == UInt8(ascii: "=") else { throw fail("'=' was expected after the key") }
        offset += 1
        skipSpaces()
        guard path.count < maxDepth else { throw SyntaxError(.tooDeep, "nesting deeper than \(maxDepth) levels is refused", at: path[0].start) }
        let value = try value()
        try tree.assign(path, value, in: table)
    }

    /// Spaces, an optional comment, then a new line or the end of the file.
    private mutating func endOfLine(after what: String) throws {
        skipSpaces()
        if peek == UInt8(ascii: "#") { try comment() }
        guard let byte = peek else { return }
        if byte == UInt8(ascii: "\n") {
            offset += 1
        } else if byte == UInt8(ascii: "\r") {
            guard peek(at: 1) == UInt8(ascii: "\n") else { throw fail("a carriage return must be followed by a line feed") }
            offset += 2
        } else {
            throw fail("a new line was expected after \(what)")
        }
    }

    /// A comment to the end of its line; control characters other than tab are refused in it.
    private mutating func comment() throws {
        while let byte = peek, byte != UInt8(ascii: "\n") {
            if byte == UInt8(ascii: "\r"), peek(at: 1) == UInt8(ascii: "\n") { return }
            if Self.isControl(byte) { throw fail("control character \(Self.describe(byte)) in a comment") }
            offset += 1
        }
    }

    mutating func skipSpaces() {
        while let byte = peek, byte == 0x20 || byte == 0x09 { offset += 1 }
    }

    /// Spaces, new lines and comments: what may stand between the elements of an array.
    private mutating func skipBlankLines() throws {
        while true {
            skipSpaces()
            switch peek {
            case UInt8(ascii: "#"): try comment()
            case UInt8(ascii: "\n"): offset += 1
            case UInt8(ascii: "\r") where peek(at: 1) == UInt8(ascii: "\n"): offset += 2
            default: return
            }
        }
    }

    // MARK: - Keys

    /// A key, dotted or not: `a`, `"a b".c`, `site . 'x'`.
    private mutating func key() throws -> [TOMLTree.Key] {
        var path: [TOMLTree.Key] = []
        while true {
            skipSpaces()
            path.append(try simpleKey())
            skipSpaces()
            guard peek == UInt8(ascii: ".") else { return path }
            offset += 1
        }
    }

    private mutating func simpleKey() throws -> TOMLTree.Key {
        let start = position()
        switch peek {
        case UInt8(ascii: "\""):
            guard peek(at: 1) != UInt8(ascii: "\"") || peek(at: 2) != UInt8(ascii: "\"") else { throw fail("a key cannot be a multi-line string") }
            let text = try basicString()
            return TOMLTree.Key(text: text, quoted: true, start: start, end: position())
        case UInt8(ascii: "'"):
            guard peek(at: 1) != UInt8(ascii: "'") || peek(at: 2) != UInt8(ascii: "'") else { throw fail("a key cannot be a multi-line string") }
            let text = try literalString()
            return TOMLTree.Key(text: text, quoted: true, start: start, end: position())
        default:
            let from = offset
            while let byte = peek, Self.isBareKeyByte(byte) { offset += 1 }
            guard offset > from else {
                throw fail(peek.map { "unexpected character \(Self.describe($0)), a key was expected" } ?? "unexpected end of file, a key was expected")
            }
            return TOMLTree.Key(text: String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<offset]), as: UTF8.self), quoted: false,
                                start: start, end: position())
        }
    }

    // MARK: - Values

    private mutating func value() throws -> TOMLTree.Value {
        let start = position()
        guard let byte = peek else { throw fail("unexpected end of file, a value was expected") }
        switch byte {
        case UInt8(ascii: "\""):
            let text = peek(at: 1) == UInt8(ascii: "\"") && peek(at: 2) == UInt8(ascii: "\"") ? try multilineString(literal: false) : try basicString()
            return .scalar(TOMLTree.Scalar(text: text, style: .quoted, start: start, end: position()))
        case UInt8(ascii: "'"):
            let text = peek(at: 1) == UInt8(ascii: "'") && peek(at: 2) == UInt8(ascii: "'") ? try multilineString(literal: true) : try literalString()
            return .scalar(TOMLTree.Scalar(text: text, style: .quoted, start: start, end: position()))
        case UInt8(ascii: "["):
            return try array(start: start)
        case UInt8(ascii: "{"):
            return try inlineTable(start: start)
        default:
            let text = try bareValue()
            return .scalar(TOMLTree.Scalar(text: text, style: .plain, start: start, end: position()))
        }
    }

    private mutating func enterNesting(at start: SourcePosition) throws {
        nesting += 1
        guard nesting < maxDepth else { throw SyntaxError(.tooDeep, "nesting deeper than \(maxDepth) levels is refused", at: start) }
    }

    /// `[ v, v, ]`: over several lines, with comments, a trailing comma allowed.
    private mutating func array(start: SourcePosition) throws -> TOMLTree.Value {
        try enterNesting(at: start)
        defer { nesting -= 1 }
        let index = tree.newArray(start: start)
        offset += 1
        while true {
            try skipBlankLines()
            if peek == UInt8(ascii: "]") { break }
            tree.append(try value(), toArray: index)
            try skipBlankLines()
            if peek == UInt8(ascii: ",") {
                offset += 1
                continue
            }
            guard peek == UInt8(ascii: "]") else { throw fail("',' or ']' was expected in the array") }
            break
        }
        offset += 1
        tree.close(array: index, end: position())
        return .array(index)
    }

    /// `{ k = v, k.j = v }`: on one line (values such as arrays may span lines), no trailing comma.
    private mutating func inlineTable(start: SourcePosition) throws -> TOMLTree.Value {
        try enterNesting(at: start)
        defer { nesting -= 1 }
        let table = tree.newTable(.inline, start: start)
        offset += 1
        skipSpaces()
        if peek == UInt8(ascii: "}") {
            offset += 1
            tree.close(table: table, end: position())
            return .table(table)
        }
        while true {
            let path = try key()
            try keyValue(path, into: table)
            skipSpaces()
            if peek == UInt8(ascii: ",") {
                offset += 1
                skipSpaces()
                if peek == UInt8(ascii: "}") { throw fail("trailing comma before '}': an inline table has none") }
                continue
            }
            guard peek == UInt8(ascii: "}") else {
                if peek == UInt8(ascii: "\n") || peek == UInt8(ascii: "\r") { throw fail("an inline table must end on the line it starts") }
                throw fail("',' or '}' was expected in the inline table")
            }
            offset += 1
            tree.close(table: table, end: position())
            return .table(table)
        }
    }

    // MARK: - Bytes

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// Control characters TOML refuses in comments and strings: all but tab.
    static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09) || byte == 0x7F
    }

    static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "0x\(String(byte, radix: 16, uppercase: true))"
    }
}
