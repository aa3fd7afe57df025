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
            var index = 0
            // Braces are ASCII, so they are found in the bytes, as `placeholders(in:)` finds them.
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "{"), let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")) else {
                    index += 1
                    continue
                }
                let filled = value(String(decoding: bytes[(index + 1)..<close], as: UTF8.self)) ?? "?"
                pieces.append(.literal(literalStart..<index))
                pieces.append(.value(filled))
                length += index - literalStart + filled.utf8.count
                index = close + 1
                literalStart = index
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
        // Braces are ASCII, so the UTF-8 bytes are searched; offsets still count Unicode
        // scalars (every byte that does not continue one starts one). Every rule's message
        // is read at start-up, and copying it into an array of scalars cost more.
        var found: [(name: String, offset: Int)] = []
        var template = template
        template.withUTF8 { bytes in
            var offset = 0
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "{"),
                   let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")) {
                    found.append((String(decoding: bytes[(index + 1)..<close], as: UTF8.self), offset))
                    offset += bytes[index...close].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                    index = close + 1
                } else {
                    if bytes[index] & 0xC0 != 0x80 { offset += 1 }
                    index += 1
                }
            }
        }
        return found
    }
}
