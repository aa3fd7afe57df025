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
        let scalars = Array(template.unicodeScalars)
        var found: [(name: String, offset: Int)] = []
        var offset = 0
        while offset < scalars.count {
            if scalars[offset] == "{", let close = scalars[offset...].firstIndex(of: "}") {
                var name = String.UnicodeScalarView()
                name.append(contentsOf: scalars[(offset + 1)..<close])
                found.append((String(name), offset))
                offset = close + 1
            } else {
                offset += 1
            }
        }
        return found
    }
}
