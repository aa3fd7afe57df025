/// Fills `{placeholder}` slots in rule messages. Unknown placeholders render as `?`
/// so a message never silently drops its subject.
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
}
