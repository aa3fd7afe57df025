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
///
/// With the chart's default values, a plain lookup is filled in with what the chart
/// installs by default (`HelmLookup`): a whole value (`verbs: {{ toYaml .Values.verbs }}`)
/// becomes its value, and a line that only inserts a block
/// (`{{- toYaml .Values.rules | nindent 2 }}`) becomes that block written as one line of
/// flow YAML at its indentation. Lines keep their numbers; a filled-in line's later
/// columns move, and what it holds is reported at the template line.
package enum HelmTemplate {
    /// Whether a YAML file is a chart template: under a `templates/` folder, with actions.
    package static func applies(path: String, text: [UInt8]) -> Bool {
        // Every YAML file is asked. A path is bytes to the file system, so it is searched as
        // bytes: compared as characters, a folder named `templates` before a name that starts
        // with a combining mark was not one, and the search cost 1% of a scan.
        var path = path
        let inTemplates = path.utf8.starts(with: templatesFolder.dropFirst()) || path.withUTF8 { UTF8Text.contains(templatesFolder, in: $0) }
        return inTemplates && text.withUnsafeBufferPointer { bytes in
            bytes.indices.dropLast().contains { bytes[$0] == UInt8(ascii: "{") && bytes[$0 + 1] == UInt8(ascii: "{") }
        }
    }

    private static let templatesFolder = Array("/templates/".utf8)

    package static func flatten(_ text: [UInt8], values: HelmValues? = nil) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        // One frame per open if/with/range/define: whether its current branch is left out,
        // whether it stands at the left margin (around whole documents), and what `.` is.
        var frames: [(skipping: Bool, atMargin: Bool, context: HelmLookup.Context)] = []
        var insideAction = false
        for line in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            defer { output.append(UInt8(ascii: "\n")) }
            if insideAction {
                // A multi-line action (a long comment or a pipeline): blank until it closes.
                if let close = find("}}", in: line) { insideAction = false; _ = close }
                continue
            }
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }.reversed()
            let context = frames.last?.context ?? .root
            if let actions = actionBodies(Array(trimmed)) {
                // Every action of the line counts, in order: `{{- with .x }}{{ toYaml . }}{{ end }}`
                // opens and closes its block on one line.
                let atMargin = line.first == UInt8(ascii: "{")
                if let values, frames.last?.skipping != true, actions.count == 1, keyword(of: actions[0]) == "other",
                   let lookup = HelmLookup(actions[0][...], context: context), lookup.structured, let indent = lookup.indent,
                   let value = values.value(at: lookup.path) {
                    output += inserted(value, indent: indent, after: output)
                    continue
                }
                for action in actions {
                    let word = keyword(of: action)
                    switch word {
                    case "if": frames.append((frames.last?.skipping ?? false, atMargin, context))
                    case "with", "range":
                        let scope = word == "with" ? withContext(action, in: context) : .unknown
                        frames.append((frames.last?.skipping ?? false, atMargin, scope))
                    case "define", "block": frames.append((true, atMargin, .unknown))
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
            output += placeholders(in: line, values: values, context: context)
        }
        if !output.isEmpty { output.removeLast() }
        return output
    }

    /// A block a line inserts, as one line at its indentation: the whole value in flow
    /// style where it is a key's value (`rules:` above it, less indented), or its one
    /// entry where it continues a block list or map written above at the same indentation
    /// (extra rules appended to literal ones). Several entries there cannot be one line:
    /// they stay unknown, as an empty value does.
    private static func inserted(_ value: Node, indent: Int, after output: [UInt8]) -> [UInt8] {
        let margin = Array(repeating: UInt8(ascii: " "), count: indent)
        guard value.isMapping || value.isSequence else { return margin + Array(HelmValues.flow(value).utf8) }
        let count = value.isMapping ? value.entries.count : value.children.count
        guard count > 0 else { return [] }
        guard let above = lastLine(atMost: indent, in: output), above.indent == indent else {
            return margin + Array(HelmValues.flow(value).utf8)
        }
        guard count == 1 else { return [] }
        if value.isSequence, above.startsEntry {
            return margin + Array(("- " + HelmValues.flow(value.children[0])).utf8)
        }
        if value.isMapping, !above.startsEntry, let entry = value.entries.first {
            return margin + Array((HelmValues.quoted(entry.key.text) + ": " + HelmValues.flow(entry.value)).utf8)
        }
        return []
    }

    /// The last line written so far with some text at an indentation of at most `limit`:
    /// its indentation, and whether it starts a list entry (`- `).
    /// Walks back from the end line by line, so a template of many insertions stays linear
    /// in the lines it looks at, not in the whole text each time.
    private static func lastLine(atMost limit: Int, in output: [UInt8]) -> (indent: Int, startsEntry: Bool)? {
        var end = output.endIndex
        while end > output.startIndex {
            let start = output[..<end].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? output.startIndex
            let line = output[start..<end]
            end = start > output.startIndex ? start - 1 : output.startIndex
            let indent = line.prefix { $0 == 0x20 }.count
            guard indent < line.count, line[line.startIndex + indent] != UInt8(ascii: "#"), indent <= limit else { continue }
            return (indent, line.dropFirst(indent).starts(with: [UInt8(ascii: "-"), 0x20]))
        }
        return nil
    }

    /// What `.` is inside `with EXPRESSION`: the value it looks up, when it is a plain lookup.
    private static func withContext(_ action: String, in context: HelmLookup.Context) -> HelmLookup.Context {
        let expression = action.drop { $0 != " " && $0 != "\t" }.drop { $0 == " " || $0 == "\t" }
        guard let lookup = HelmLookup(expression, context: context), !lookup.structured, !lookup.quoted, lookup.indent == nil else { return .unknown }
        return .values(lookup.path)
    }

    /// A lookup written as a whole value, filled in: a scalar as it is (quoted when the
    /// template quotes it), a list or map only where the template writes it out as YAML.
    private static func filledValue(_ action: ArraySlice<UInt8>, values: HelmValues?, context: HelmLookup.Context) -> [UInt8]? {
        guard let values else { return nil }
        let body = String(decoding: action.dropFirst(2).dropLast(2), as: UTF8.self)
        let expression = body.drop { $0 == "-" || $0 == " " || $0 == "\t" }.reversed().drop { $0 == "-" || $0 == " " || $0 == "\t" }.reversed()
        guard let lookup = HelmLookup(Substring(String(expression)), context: context), let value = values.value(at: lookup.path) else { return nil }
        if value.isMapping || value.isSequence { return lookup.structured ? Array(HelmValues.flow(value).utf8) : nil }
        return Array((lookup.quoted ? HelmValues.quoted(value.text) : HelmValues.flow(value)).utf8)
    }

    /// For a line that is nothing but actions, the body of each (without its braces,
    /// trim markers and spaces; empty for a comment); nil for a line with YAML in it.
    private static func actionBodies(_ line: [UInt8]) -> [String]? {
        guard line.count >= 4, line.starts(with: Array("{{".utf8)), line.suffix(2).elementsEqual("}}".utf8) else { return nil }
        var index = 0
        var bodies: [String] = []
        while index < line.count {
            if line[index] == 0x20 || line[index] == 0x09 { index += 1; continue }
            guard line[index...].starts(with: Array("{{".utf8)), let close = find("}}", in: line[index...]) else { return nil }
            var body = line[(index + 2)..<close].drop { $0 == UInt8(ascii: "-") || $0 == 0x20 || $0 == 0x09 }
            if body.starts(with: Array("/*".utf8)) { body = [] }
            let text = String(decoding: body, as: UTF8.self)
            bodies.append(String(text.reversed().drop { $0 == "-" || $0 == " " || $0 == "\t" }.reversed()))
            index = close + 2
        }
        return bodies
    }

    /// The keyword an action starts with (`if`, `else`, `end`, `with`, `range`, `define`,
    /// `block`), or `other`.
    private static func keyword(of body: String) -> String {
        let word = body.prefix { $0 != " " && $0 != "\t" && $0 != "-" && $0 != "}" }
        return ["if", "else", "end", "with", "range", "define", "block"].contains(String(word)) ? String(word) : "other"
    }

    /// The line with each `{{ ... }}` replaced by text of the same byte length.
    private static func placeholders(in line: ArraySlice<UInt8>, values: HelmValues?, context: HelmLookup.Context) -> [UInt8] {
        var result: [UInt8] = []
        var index = line.startIndex
        while index < line.endIndex {
            if let open = find("{{", in: line[index...]), let close = find("}}", in: line[open...]) {
                result += line[index..<open]
                let before = open > line.startIndex ? line[open - 1] : UInt8(ascii: " ")
                let after = close + 2 < line.endIndex ? line[close + 2] : UInt8(ascii: " ")
                let wholeValue = " [,:".utf8.contains(before) && " ],}\r".utf8.contains(after)
                if wholeValue, let filled = filledValue(line[open..<(close + 2)], values: values, context: context) {
                    result += filled
                } else if wholeValue, !line[open..<(close + 2)].contains(UInt8(ascii: "'")) {
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
