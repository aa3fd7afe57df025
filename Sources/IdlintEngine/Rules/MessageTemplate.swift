/// Fills `{placeholder}` slots in rule messages. Rule loading rejects a placeholder that
/// its match does not fill in (`RuleMatcher.checkPlaceholders`); one that still has no
/// value for a finding (a path that reaches nothing) renders as `?`, so a message never
/// silently drops its subject.
enum MessageTemplate {
    static func render(_ template: String, _ value: (String) -> String?) -> String {
        var output = ""
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            if character == "{", let close = template[index...].firstIndex(of: "}") {
                let name = String(template[template.index(after: index)..<close])
                output += value(name) ?? "?"
                index = template.index(after: close)
            } else {
                output.append(character)
                index = template.index(after: index)
            }
        }
        return output
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
