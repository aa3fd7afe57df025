/// A chart's default values (`values.yaml`), for the simple `.Values` lookups of its
/// templates: what a chart installs with its defaults is what most clusters run. Only
/// lookups by a plain path are answered (`.Values.rbac.rules`, `.` inside a `with` of
/// one); anything computed (`default`, `tpl`, `index`, arithmetic) stays unknown.
package struct HelmValues: Sendable {
    let root: Node

    package init(root: Node) {
        self.root = root
    }

    /// The value at a path of keys, if the defaults hold one that is not null.
    func value(at path: [Substring]) -> Node? {
        var node = root
        for key in path {
            guard node.isMapping, let next = node[String(key)] else { return nil }
            node = next
        }
        return node.isNull ? nil : node
    }

    /// A value as one line of flow YAML, which JSON is: a template line that inserts a
    /// block (`{{- toYaml .Values.rules | nindent 2 }}`) stays one line, so every line
    /// after it keeps its number. Plain scalars stay plain (a `true` stays a boolean).
    static func flow(_ node: Node) -> String {
        if node.isMapping {
            return "{" + node.entries.map { quoted($0.key.text) + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        }
        if node.isSequence {
            return "[" + node.children.map(flow).joined(separator: ", ") + "]"
        }
        let text = node.text
        let safePlain = !text.isEmpty && node.style == .plain
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || "-_./*".utf8.contains(byte)
            }
            && text.first != "*"
        return safePlain ? text : quoted(text)
    }

    /// A JSON string, which YAML reads as a double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
