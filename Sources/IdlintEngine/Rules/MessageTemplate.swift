/// Fills `{placeholder}` slots in rule messages. Rule loading rejects a placeholder that
/// its match does not fill in (`RuleMatcher.checkPlaceholders`); one that still has no
/// value for a finding (a path that reaches nothing) renders as `?`, so a message never
/// silently drops its subject.
enum MessageTemplate {
    static func render(_ template: String, _ value: (String) -> String?) -> String {
        var template = template
        return template.withUTF8 { bytes in
            // Split at the placeholders first, so the message is made once at its length
            // rather than grown piece by piece: every finding renders one.
            var pieces: [Piece] = []
            var length = 0
            var literalStart = 0
            forEachPlaceholder(in: bytes) { open, close in
                let filled = value(String(decoding: bytes[(open + 1)..<close], as: UTF8.self)) ?? "?"
                pieces.append(.literal(literalStart..<open))
                pieces.append(.value(filled))
                length += open - literalStart + filled.utf8.count
                literalStart = close + 1
            }
            pieces.append(.literal(literalStart..<bytes.count))
            length += bytes.count - literalStart
            return String(unsafeUninitializedCapacity: length) { output in
                var written = 0
                func copy(_ piece: UnsafeBufferPointer<UInt8>) {
                    guard let source = piece.baseAddress, !piece.isEmpty else { return }
                    (output.baseAddress! + written).initialize(from: source, count: piece.count)
                    written += piece.count
                }
                for piece in pieces {
                    switch piece {
                    case .literal(let range): copy(UnsafeBufferPointer(rebasing: bytes[range]))
                    case .value(var text): text.withUTF8(copy)
                    }
                }
                return written
            }
        }
    }

    /// A stretch of a template's bytes, or what a placeholder was filled in with.
    private enum Piece {
        case literal(Range<Int>)
        case value(String)
    }

    /// The placeholders of a template as `render` reads them, each with the offset in
    /// Unicode scalars (as columns count) of its opening brace.
    static func placeholders(in template: String) -> [(name: String, offset: Int)] {
        // Offsets count Unicode scalars: every byte that does not continue one starts one.
        // Every rule's message is read at start-up, and copying it into an array of
        // scalars cost more.
        var found: [(name: String, offset: Int)] = []
        var template = template
        template.withUTF8 { bytes in
            var offset = 0
            var counted = 0
            forEachPlaceholder(in: bytes) { open, close in
                offset += bytes[counted..<open].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                counted = open
                found.append((String(decoding: bytes[(open + 1)..<close], as: UTF8.self), offset))
            }
        }
        return found
    }

    /// The template cut before the first `{placeholder}`, as `render` reads it: rendering
    /// both halves and joining them gives what rendering the whole does, since no brace
    /// that the whole's reading skips lies between the halves. Nil when the placeholder is
    /// not in the template.
    static func split(_ template: String, before placeholder: String) -> (head: String, ending: String)? {
        var template = template
        return template.withUTF8 { bytes in
            var cut: Int?
            forEachPlaceholder(in: bytes) { open, close in
                if cut == nil, bytes[(open + 1)..<close].elementsEqual(placeholder.utf8) { cut = open }
            }
            return cut.map { (String(decoding: bytes[..<$0], as: UTF8.self), String(decoding: bytes[$0...], as: UTF8.self)) }
        }
    }

    /// Where each `{name}` of a template is, in order: the offsets of its braces. Braces
    /// are ASCII, so they are found in the bytes; `render` and `placeholders(in:)` (which
    /// rule loading checks) read a template through this one search, so they agree.
    private static func forEachPlaceholder(in bytes: UnsafeBufferPointer<UInt8>, _ body: (_ open: Int, _ close: Int) -> Void) {
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"), let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")) else {
                index += 1
                continue
            }
            body(index, close)
            index = close + 1
        }
    }
}
