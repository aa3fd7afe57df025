/// Terraform's HCL native syntax (`.tf`), read into the same positioned tree as YAML and
/// JSON, so that rules reach attributes with the same paths:
///
/// - a body is a mapping; `name = expression` is an entry;
/// - a block `type "label" "label" { ... }` is an entry `type` whose value nests one
///   mapping per label (`resource: {aws_iam_policy: {admin: {...}}}`); blocks of one
///   type repeat the key, as XML's repeated children do;
/// - literals, lists and objects become scalars, sequences and mappings;
///   `jsonencode(...)` of a literal is that literal's tree (the usual way IAM policies are
///   written); heredocs and quoted strings are scalars with their text;
/// - everything that needs state to evaluate (references such as `var.x` or
///   `aws_iam_role.r.arn`, other function calls, operators, `for` expressions, templates
///   with interpolations) stays symbolic: a scalar of its source text tagged `!expr`, so
///   that no rule can mistake it for a literal.
///
/// Nesting is bounded by the limits' depth; a syntax error names its line and column.
public struct HCLParser: DocumentParser {
    public init() {}

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String, limits: ParseLimits, emit: (Document) throws -> Void) throws {
        var reader = HCLReader(bytes: bytes, builder: DocumentBuilder(file: file, indexInFile: 0, syntax: .hcl, limits: limits), maxDepth: limits.maxDepth)
        try reader.document()
        try emit(try reader.builder.finish())
    }
}

/// The tag of a scalar that holds an expression idlint does not evaluate.
public let hclExpressionTag = "!expr"

struct HCLReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var builder: DocumentBuilder
    let maxDepth: Int
    private var offset = 0
    private var line = 1
    private var column = 1
    /// How deep the lookahead (`scanLiteral`) has recursed.
    private var depth = 0
    /// Offsets of the elements of a literal object or tuple that the lookahead found to
    /// be expressions: written as symbolic scalars inside the literal's tree, so that one
    /// reference (`Resource = aws_s3_bucket.b.arn`) does not hide the whole policy.
    private var symbolicElements: Set<Int> = []
    /// Offsets of the `"${ ... }"` templates that the lookahead found to hold a literal,
    /// written as that literal.
    private var literalSoleInterpolations: Set<Int> = []

    init(bytes: UnsafeBufferPointer<UInt8>, builder: DocumentBuilder, maxDepth: Int) {
        self.bytes = bytes
        self.builder = builder
        self.maxDepth = maxDepth
    }

    // MARK: structure

    mutating func document() throws {
        try builder.beginContainer(.mapping, tag: nil, anchor: nil, start: position)
        try body(until: nil)
        try builder.endContainer(end: position)
    }

    /// Attributes and blocks up to `closer` (`}`) or the end of the input.
    private mutating func body(until closer: UInt8?) throws {
        while true {
            skipTrivia(newlines: true)
            guard let byte = peek else {
                if closer != nil { throw error("a block is not closed with '}'") }
                return
            }
            if byte == closer { return }
            guard Self.isIdentifierStart(byte) else { throw error("expected an attribute or a block name") }
            let nameStart = position
            let name = identifier()
            skipTrivia(newlines: false)
            if peek == UInt8(ascii: "=") && peek(at: 1) != UInt8(ascii: "=") {
                advance()
                try builder.scalar(name, style: .plain, start: nameStart, end: nameStart)
                skipTrivia(newlines: false)
                try expression()
                try endOfItem()
            } else {
                try block(name: name, at: nameStart)
            }
        }
    }

    /// `type label... { body }`: one nested mapping per label.
    private mutating func block(name: String, at start: SourcePosition) throws {
        var labels: [(String, SourcePosition)] = []
        while let byte = peek, byte != UInt8(ascii: "{") {
            let labelStart = position
            if byte == UInt8(ascii: "\"") {
                labels.append((try quotedLiteral(), labelStart))
            } else if Self.isIdentifierStart(byte) {
                labels.append((identifier(), labelStart))
            } else {
                throw error("expected a block label or '{'")
            }
            skipTrivia(newlines: false)
        }
        guard peek == UInt8(ascii: "{") else { throw error("expected '{' to open the block") }
        try builder.scalar(name, style: .plain, start: start, end: start)
        for (label, place) in labels {
            try enter(at: place)
            try builder.scalar(label, style: .quoted, start: place, end: place)
        }
        advance()
        try enter(at: position)
        try body(until: UInt8(ascii: "}"))
        advance()
        try leave()
        for _ in labels { try leave() }
        try endOfItem()
    }

    /// Opens a mapping (or a sequence); the builder refuses nesting past the limit.
    private mutating func enter(_ kind: NodeKind = .mapping, at place: SourcePosition) throws {
        try builder.beginContainer(kind, tag: nil, anchor: nil, start: place)
    }

    private mutating func leave() throws {
        try builder.endContainer(end: position)
    }

    private mutating func endOfItem() throws {
        skipTrivia(newlines: false)
        guard let byte = peek else { return }
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "}") { return }
        if byte == UInt8(ascii: "\r") { return }
        throw error("expected a new line after the item")
    }

    // MARK: expressions

    /// One expression: a literal tree where it is one, else a symbolic scalar.
    private mutating func expression() throws {
        let start = position
        // Look ahead first: nothing is written for what turns out not to be a literal
        // (`"a" == var.b` starts like one).
        let saved = (offset, line, column)
        symbolicElements.removeAll(keepingCapacity: true)
        literalSoleInterpolations.removeAll(keepingCapacity: true)
        let isLiteral = ((try? scanLiteral()) ?? false) && isExpressionEnd
        (offset, line, column) = saved
        if isLiteral {
            try writeLiteral()
            return
        }
        let text = try symbolicText()
        try builder.scalar(text, style: .plain, tag: hclExpressionTag, start: start, end: position)
    }

    /// Whether the reader stands where an expression ends (a separator or a closer).
    private var isExpressionEnd: Bool {
        var index = offset
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index < bytes.count else { return true }
        switch bytes[index] {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"), UInt8(ascii: "#"):
            return true
        case UInt8(ascii: "/"):
            return index + 1 < bytes.count && (bytes[index + 1] == UInt8(ascii: "/") || bytes[index + 1] == UInt8(ascii: "*"))
        default:
            return false
        }
    }

    /// Walks a literal without writing, to decide; restores nothing itself.
    private mutating func scanLiteral() throws -> Bool {
        try descend()
        defer { depth -= 1 }
        skipTrivia(newlines: true)
        guard let byte = peek else { return false }
        switch byte {
        case UInt8(ascii: "\"") where startsSoleInterpolation:
            let saved = (offset, line, column)
            advance(); advance(); advance()
            if (try? scanLiteral()) == true, closesSoleInterpolation() {
                literalSoleInterpolations.insert(saved.0)
                return true
            }
            (offset, line, column) = saved
            return try quotedLiteralIfPlain() != nil
        case UInt8(ascii: "\""):
            return try quotedLiteralIfPlain() != nil
        case UInt8(ascii: "<"):
            return try heredoc() != nil
        case UInt8(ascii: "["):
            advance()
            guard !startsForExpression else { return false }
            while true {
                skipTrivia(newlines: true)
                if peek == UInt8(ascii: "]") { advance(); return true }
                try scanElement()
                skipTrivia(newlines: true)
                if peek == UInt8(ascii: ",") { advance() } else if peek != UInt8(ascii: "]") { return false }
            }
        case UInt8(ascii: "{"):
            advance()
            guard !startsForExpression else { return false }
            while true {
                skipTrivia(newlines: true)
                if peek == UInt8(ascii: "}") { advance(); return true }
                guard try objectKey() != nil else { return false }
                skipTrivia(newlines: false)
                guard peek == UInt8(ascii: "=") || peek == UInt8(ascii: ":") else { return false }
                advance()
                try scanElement()
                skipTrivia(newlines: false)
                if peek == UInt8(ascii: ",") { advance() }
            }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return number() != nil
        default:
            guard Self.isIdentifierStart(byte) else { return false }
            let name = identifier()
            if ["true", "false", "null"].contains(name) { return isExpressionEndInside }
            guard name == "jsonencode" else { return false }
            skipTrivia(newlines: false)
            guard peek == UInt8(ascii: "(") else { return false }
            advance()
            guard try scanLiteral() else { return false }
            skipTrivia(newlines: true)
            guard peek == UInt8(ascii: ")") else { return false }
            advance()
            return true
        }
    }

    /// One element of an object or tuple: a literal, or else an expression whose place
    /// is remembered so that `writeLiteral` writes it as a symbolic scalar.
    private mutating func scanElement() throws {
        skipTrivia(newlines: true)
        let saved = (offset, line, column)
        if (try? scanLiteral()) == true, isExpressionEnd { return }
        (offset, line, column) = saved
        symbolicElements.insert(offset)
        _ = try symbolicText()
    }

    /// `[for ...` or `{for ...`: a comprehension, which only an evaluator could expand.
    private var startsForExpression: Bool {
        var index = offset
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        guard index + 3 < bytes.count, bytes[index] == UInt8(ascii: "f"), bytes[index + 1] == UInt8(ascii: "o"), bytes[index + 2] == UInt8(ascii: "r") else { return false }
        return !Self.isIdentifierPart(bytes[index + 3])
    }

    /// After `true`, `false` or `null`: not the start of a traversal (`null.x`) or call.
    private var isExpressionEndInside: Bool {
        guard let byte = peek else { return true }
        return byte != UInt8(ascii: ".") && byte != UInt8(ascii: "(") && byte != UInt8(ascii: "[")
    }

    /// Writes a literal already known to be one.
    private mutating func writeLiteral() throws {
        skipTrivia(newlines: true)
        let start = position
        if symbolicElements.contains(offset) {
            let text = try symbolicText()
            try builder.scalar(text, style: .plain, tag: hclExpressionTag, start: start, end: position)
            return
        }
        guard let byte = peek else { return }
        switch byte {
        case UInt8(ascii: "\"") where literalSoleInterpolations.contains(offset):
            advance(); advance(); advance()
            try writeLiteral()
            _ = closesSoleInterpolation()
        case UInt8(ascii: "\""):
            let text = try quotedLiteralIfPlain() ?? ""
            try builder.scalar(text, style: .quoted, start: start, end: position)
        case UInt8(ascii: "<"):
            let text = try heredoc() ?? ""
            try builder.scalar(text, style: .block, start: start, end: position)
        case UInt8(ascii: "["):
            advance()
            try enter(.sequence, at: start)
            while true {
                skipTrivia(newlines: true)
                if peek == UInt8(ascii: "]") { advance(); break }
                try writeLiteral()
                skipTrivia(newlines: true)
                if peek == UInt8(ascii: ",") { advance() }
            }
            try leave()
        case UInt8(ascii: "{"):
            advance()
            try enter(at: start)
            while true {
                skipTrivia(newlines: true)
                if peek == UInt8(ascii: "}") { advance(); break }
                let keyStart = position
                let key = try objectKey() ?? ("", false)
                try builder.scalar(key.text, style: key.isExpression ? .plain : .quoted, tag: key.isExpression ? hclExpressionTag : nil, start: keyStart, end: keyStart)
                skipTrivia(newlines: false)
                advance() // '=' or ':'
                try writeLiteral()
                skipTrivia(newlines: false)
                if peek == UInt8(ascii: ",") { advance() }
            }
            try leave()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let text = number() ?? "0"
            try builder.scalar(text, style: .plain, start: start, end: position)
        default:
            let name = identifier()
            if name == "jsonencode" {
                skipTrivia(newlines: false)
                advance() // (
                try writeLiteral()
                skipTrivia(newlines: true)
                advance() // )
            } else {
                // true, false, null: plain scalars read as YAML reads them.
                try builder.scalar(name, style: .plain, start: start, end: position)
            }
        }
    }

    /// The lookahead writes nothing, so it bounds its own recursion.
    private mutating func descend() throws {
        depth += 1
        guard depth <= maxDepth else { throw SyntaxError(.tooDeep, "nesting deeper than \(maxDepth) levels", at: position) }
    }

    /// An object key and whether it is an expression: an identifier or a plain quoted
    /// string is literal; a template (`"${var.env}-x"`) or a parenthesised expression
    /// (`(var.key) = ...`) is an unknown key, kept as its source text.
    private mutating func objectKey() throws -> (text: String, isExpression: Bool)? {
        guard let byte = peek else { return nil }
        let start = offset
        if byte == UInt8(ascii: "\"") {
            if let text = try quotedLiteralIfPlain() { return (text, false) }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self), true)
        }
        if byte == UInt8(ascii: "(") {
            var nesting = 0
            while let inner = peek {
                if inner == UInt8(ascii: "\"") {
                    _ = try quotedLiteralIfPlain()
                    continue
                }
                if inner == UInt8(ascii: "(") { nesting += 1 }
                if inner == UInt8(ascii: ")") { nesting -= 1 }
                advance()
                if nesting == 0 { break }
                guard nesting <= maxDepth else { throw SyntaxError(.tooDeep, "nesting deeper than \(maxDepth) levels", at: position) }
            }
            guard nesting == 0 else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self), true)
        }
        guard Self.isIdentifierStart(byte) else { return nil }
        return (identifier(), false)
    }

    /// The source text of a symbolic expression, up to where it ends at this level:
    /// brackets, strings and heredocs are balanced, so commas and braces inside them
    /// do not end it.
    private mutating func symbolicText() throws -> String {
        let start = offset
        var nesting = 0
        let startPosition = position
        while let byte = peek {
            if nesting == 0, isExpressionEnd { break }
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                nesting += 1
                guard nesting <= maxDepth else { throw SyntaxError(.tooDeep, "nesting deeper than \(maxDepth) levels", at: position) }
                advance()
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                // At nesting 0 a closer ends the expression (isExpressionEnd, above).
                nesting -= 1
                advance()
            case UInt8(ascii: "\""):
                _ = try quotedLiteralIfPlain()
            case UInt8(ascii: "<") where peek(at: 1) == UInt8(ascii: "<") && (peek(at: 2) == UInt8(ascii: "-") || Self.isIdentifierStart(peek(at: 2) ?? 0)):
                _ = try heredoc()
            case UInt8(ascii: "\n") where nesting > 0, UInt8(ascii: "\r") where nesting > 0:
                advance()
            case UInt8(ascii: "#"), UInt8(ascii: "/"):
                // A comment inside brackets is skipped; a '/' that starts no comment is
                // division and must still move the reader on (a fuzzer found the loop).
                let before = offset
                if nesting > 0 { skipTrivia(newlines: true) }
                if offset == before { advance() }
            default:
                advance()
            }
        }
        guard nesting == 0 else { throw SyntaxError(.malformed, "an expression's brackets are not closed", at: startPosition) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        guard !text.trimmingCharacters(whereIn: " \t").isEmpty else { throw error("expected an expression") }
        return text.trimmingCharacters(whereIn: " \t")
    }

    // MARK: tokens

    /// A quoted string without interpolation, decoded; nil (positioned past it) when it
    /// holds `${` or `%{`, which only an evaluator could resolve.
    private mutating func quotedLiteralIfPlain() throws -> String? {
        let start = position
        advance() // opening quote
        var text: [UInt8] = []
        var plain = true
        while let byte = peek {
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return plain ? String(decoding: text, as: UTF8.self) : nil
            case UInt8(ascii: "\n"):
                throw SyntaxError(.malformed, "a quoted string does not end on its line", at: start)
            case UInt8(ascii: "\\"):
                advance()
                guard let escaped = peek else { throw SyntaxError(.malformed, "a quoted string is not closed", at: start) }
                advance()
                switch escaped {
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = escaped == UInt8(ascii: "u") ? 4 : 8
                    var value: UInt32 = 0
                    for _ in 0..<count {
                        guard let digit = peek, let nibble = HexDigit.value(digit).map(UInt32.init) else { throw error("a \\u escape needs hex digits") }
                        value = value * 16 + nibble
                        advance()
                    }
                    text += Array(String(Character(Unicode.Scalar(value) ?? "\u{FFFD}")).utf8)
                default: text.append(escaped)
                }
            case UInt8(ascii: "$"), UInt8(ascii: "%"):
                advance()
                if peek == byte, peek(at: 1) == UInt8(ascii: "{") {
                    // `$${` and `%%{` are the escapes for a literal `${` and `%{`.
                    advance()
                    advance()
                    text += [byte, UInt8(ascii: "{")]
                } else if peek == UInt8(ascii: "{") {
                    // An interpolation or directive: an expression, which may span lines
                    // and hold strings of its own; skipped with its braces balanced.
                    plain = false
                    try skipInterpolation(openedAt: start)
                } else {
                    text.append(byte)
                }
            default:
                text.append(byte)
                advance()
            }
        }
        throw SyntaxError(.malformed, "a quoted string is not closed", at: start)
    }

    /// From the `{` of `${` or `%{` past its closing `}`: nested braces counted, nested
    /// quoted strings (which may interpolate again) skipped whole.
    private mutating func skipInterpolation(openedAt start: SourcePosition) throws {
        try descend()
        defer { depth -= 1 }
        var nesting = 0
        while let inner = peek {
            switch inner {
            case UInt8(ascii: "\""):
                _ = try quotedLiteralIfPlain()
                continue
            case UInt8(ascii: "{"):
                nesting += 1
            case UInt8(ascii: "}"):
                nesting -= 1
            default:
                break
            }
            advance()
            if nesting == 0 { return }
        }
        throw SyntaxError(.malformed, "an interpolation is not closed", at: start)
    }

    /// `"${ expression }"`: a template that is one interpolation is that expression's
    /// value (HCL's rule), so `"${jsonencode({...})}"` is read as the jsonencode.
    private var startsSoleInterpolation: Bool {
        peek == UInt8(ascii: "\"") && peek(at: 1) == UInt8(ascii: "$") && peek(at: 2) == UInt8(ascii: "{")
    }

    /// After the inner expression of a sole interpolation: its `}` and the closing quote.
    private mutating func closesSoleInterpolation() -> Bool {
        skipTrivia(newlines: true)
        guard peek == UInt8(ascii: "}"), peek(at: 1) == UInt8(ascii: "\"") else { return false }
        advance()
        advance()
        return true
    }

    private mutating func quotedLiteral() throws -> String {
        let start = position
        guard let text = try quotedLiteralIfPlain() else { throw SyntaxError(.malformed, "a block label cannot hold an interpolation", at: start) }
        return text
    }

    /// `<<EOF` or `<<-EOF` up to the line holding only the marker; the text, with the
    /// common indentation removed for `<<-`. Nil (consumed) when it interpolates.
    private mutating func heredoc() throws -> String? {
        let start = position
        guard peek == UInt8(ascii: "<"), peek(at: 1) == UInt8(ascii: "<") else { return nil }
        advance(); advance()
        let indented = peek == UInt8(ascii: "-")
        if indented { advance() }
        guard let first = peek, Self.isIdentifierStart(first) else { throw error("expected a heredoc marker after '<<'") }
        let marker = identifier()
        while let byte = peek, byte != UInt8(ascii: "\n") { advance() }
        advance()
        var lines: [String] = []
        while peek != nil {
            let lineStart = offset
            while let byte = peek, byte != UInt8(ascii: "\n") { advance() }
            var content = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<offset]), as: UTF8.self)
            if content.hasSuffix("\r") { content.removeLast() }
            if content.trimmingCharacters(whereIn: " \t") == marker {
                let text = indented ? Heredoc.dedented(lines).text : lines.joined(separator: "\n")
                return text.contains("${") || text.contains("%{") ? nil : text + (lines.isEmpty ? "" : "\n")
            }
            lines.append(content)
            advance()
        }
        throw SyntaxError(.malformed, "the heredoc \(marker) is not closed", at: start)
    }

    private mutating func number() -> String? {
        let start = offset
        if peek == UInt8(ascii: "-") { advance() }
        var digits = 0
        while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") {
            digits += 1
            advance()
        }
        guard digits > 0 else { return nil }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        return Double(text) == nil ? nil : text
    }

    private mutating func identifier() -> String {
        let start = offset
        while let byte = peek, Self.isIdentifierPart(byte) { advance() }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    }

    /// Spaces and comments; newlines too when `newlines`.
    private mutating func skipTrivia(newlines: Bool) {
        while let byte = peek {
            if byte == 0x20 || byte == 0x09 || (newlines && (byte == 0x0A || byte == 0x0D)) {
                advance()
            } else if byte == UInt8(ascii: "#") || (byte == UInt8(ascii: "/") && peek(at: 1) == UInt8(ascii: "/")) {
                while let inner = peek, inner != 0x0A { advance() }
            } else if byte == UInt8(ascii: "/") && peek(at: 1) == UInt8(ascii: "*") {
                advance(); advance()
                while peek != nil, !(peek == UInt8(ascii: "*") && peek(at: 1) == UInt8(ascii: "/")) { advance() }
                advance(); advance()
            } else {
                return
            }
        }
    }

    // MARK: position

    private var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private func peek(at distance: Int) -> UInt8? {
        offset + distance < bytes.count ? bytes[offset + distance] : nil
    }

    private var position: SourcePosition { SourcePosition(line: line, column: column) }

    /// One byte on; columns count Unicode scalars, so continuation bytes do not add one.
    private mutating func advance() {
        guard offset < bytes.count else { return }
        let byte = bytes[offset]
        offset += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private func error(_ message: String) -> SyntaxError {
        SyntaxError(.malformed, message, at: position)
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
    }

}

/// The lines of a heredoc. `<<-` removes the indentation its non-blank lines share;
/// Terraform's evaluator reads heredoc templates from their source the same way.
public enum Heredoc {
    /// The lines joined with the common indentation removed, and how much that was.
    public static func dedented<Line: StringProtocol>(_ lines: [Line]) -> (text: String, indent: Int) {
        func indent(_ line: Line) -> Int { line.prefix { $0 == " " || $0 == "\t" }.count }
        let common = lines.filter { $0.contains { $0 != " " && $0 != "\t" } }.map(indent).min() ?? 0
        return (lines.map { String($0.dropFirst(min(common, indent($0)))) }.joined(separator: "\n"), common)
    }
}
