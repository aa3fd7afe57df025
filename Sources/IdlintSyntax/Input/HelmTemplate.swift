/// Helm chart templates are YAML with Go template actions (`{{ ... }}`) in them, which no
/// YAML parser reads. Most operators ship their RBAC this way, so a template is read as
/// the YAML it is around its actions, line for line and column for column:
/// - a line that holds only actions (`{{- if .Values.rbac.create }}`, `{{- end }}`,
///   `{{- include "labels" . | nindent 4 }}`) becomes a blank line: what it would insert
///   is not known, and a missing value is read as absent;
/// - an `else` branch of a condition around whole documents (at the left margin) starts a
///   new document, so both branches are judged; inside a document an `else` branch is
///   left out, so that both branches cannot define the same key twice;
/// - `define` blocks (named templates) are left out: they are rendered where included;
/// - an action that is a whole value (`name: {{ include "app.fullname" . }}`) becomes the
///   single-quoted text of its expression, `'{ include "app.fullname" . }'`, and one
///   inside a value (`{{ .Release.Name }}-reader`) a placeholder: both of the same length,
///   so every later column stays where it is, and messages name the expression.
/// What stays literal (`verbs: ["*"]`, `resources: [secrets]`) is judged as written.
package enum HelmTemplate {
    /// Whether a YAML file is a chart template: under a `templates/` folder, with actions.
    package static func applies(path: String, text: [UInt8]) -> Bool {
        let inTemplates = path.hasPrefix("templates/") || path.contains("/templates/")
        return inTemplates && text.withUnsafeBufferPointer { bytes in
            bytes.indices.dropLast().contains { bytes[$0] == UInt8(ascii: "{") && bytes[$0 + 1] == UInt8(ascii: "{") }
        }
    }

    package static func flatten(_ text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        // One frame per open if/with/range/define: whether its current branch is left out,
        // and whether it stands at the left margin (around whole documents).
        var frames: [(skipping: Bool, atMargin: Bool)] = []
        var insideAction = false
        for line in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            defer { output.append(UInt8(ascii: "\n")) }
            if insideAction {
                // A multi-line action (a long comment or a pipeline): blank until it closes.
                if let close = find("}}", in: line) { insideAction = false; _ = close }
                continue
            }
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }.reversed()
            if let keywords = actionKeywords(Array(trimmed)) {
                // Every action of the line counts, in order: `{{- with .x }}{{ toYaml . }}{{ end }}`
                // opens and closes its block on one line.
                let atMargin = line.first == UInt8(ascii: "{")
                for keyword in keywords {
                    switch keyword {
                    case "if", "with", "range": frames.append((frames.last?.skipping ?? false, atMargin))
                    case "define", "block": frames.append((true, atMargin))
                    case "else":
                        guard let frame = frames.last, !frame.skipping else { break }
                        if frame.atMargin && atMargin {
                            output += Array("---".utf8)
                        } else {
                            frames[frames.count - 1].skipping = true
                        }
                    case "end": if !frames.isEmpty { frames.removeLast() }
                    default: break
                    }
                }
                continue
            }
            if frames.last?.skipping == true { continue }
            if let open = find("{{", in: line), find("}}", in: line[open...]) == nil {
                insideAction = true
                output += line[line.startIndex..<open]
                continue
            }
            output += placeholders(in: line)
        }
        if !output.isEmpty { output.removeLast() }
        return output
    }

    /// For a line that is nothing but actions, the keyword of each (`if`, `else`, `end`,
    /// `with`, `range`, `define`, `block`, or `other`); nil for a line with YAML in it.
    private static func actionKeywords(_ line: [UInt8]) -> [String]? {
        guard line.count >= 4, line.starts(with: Array("{{".utf8)), line.suffix(2).elementsEqual("}}".utf8) else { return nil }
        var index = 0
        var keywords: [String] = []
        while index < line.count {
            if line[index] == 0x20 || line[index] == 0x09 { index += 1; continue }
            guard line[index...].starts(with: Array("{{".utf8)), let close = find("}}", in: line[index...]) else { return nil }
            var body = line[(index + 2)..<close].drop { $0 == UInt8(ascii: "-") || $0 == 0x20 || $0 == 0x09 }
            if body.starts(with: Array("/*".utf8)) { body = [] }
            let word = String(decoding: body.prefix { $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "}") }, as: UTF8.self)
            keywords.append(["if", "else", "end", "with", "range", "define", "block"].contains(word) ? word : "other")
            index = close + 2
        }
        return keywords
    }

    /// The line with each `{{ ... }}` replaced by text of the same byte length.
    private static func placeholders(in line: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        var index = line.startIndex
        while index < line.endIndex {
            if let open = find("{{", in: line[index...]), let close = find("}}", in: line[open...]) {
                result += line[index..<open]
                let before = open > line.startIndex ? line[open - 1] : UInt8(ascii: " ")
                let after = close + 2 < line.endIndex ? line[close + 2] : UInt8(ascii: " ")
                let wholeValue = " [,:".utf8.contains(before) && " ],}\r".utf8.contains(after)
                if wholeValue, !line[open..<(close + 2)].contains(UInt8(ascii: "'")) {
                    result += [UInt8(ascii: "'"), UInt8(ascii: "{")] + line[(open + 2)..<close] + [UInt8(ascii: "}"), UInt8(ascii: "'")]
                } else {
                    let name = Array("HELM".utf8)
                    result += (0..<(close + 2 - open)).map { $0 < name.count ? name[$0] : UInt8(ascii: "_") }
                }
                index = close + 2
            } else {
                result += line[index...]
                break
            }
        }
        return result
    }

    private static func find(_ needle: String, in bytes: ArraySlice<UInt8>) -> Int? {
        let pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return nil }
        var index = bytes.startIndex
        while index + pattern.count <= bytes.endIndex {
            if bytes[index] == pattern[0] && bytes[index + 1] == pattern[1] { return index }
            index += 1
        }
        return nil
    }

    private static func find(_ needle: String, in bytes: [UInt8]) -> Int? {
        find(needle, in: bytes[...])
    }
}
