import FoundationEssentials
import IdlintSyntax

/// Finds `idlint:ignore` comments in YAML and TOML text:
///
///     # idlint:ignore K8S-SECRETS-READ reason="reads the one CA bundle" expires=2027-03-31
///
/// A comment alone on its line covers the next line that is not a comment; a comment
/// after a value covers its own line. A reason is required.
enum InlineSuppressions {
    static let marker = Array("idlint:ignore".utf8)

    /// Whether files of this syntax are read for these comments: those whose comments
    /// start with `#` and are kept line by line. JSON and XML have none; Terraform's are
    /// not read yet.
    static func reads(_ syntax: Syntax) -> Bool {
        syntax == .yaml || syntax == .toml
    }

    static func find(in text: [UInt8], file: String) -> (entries: [SuppressionEntry], problems: [Diagnostic]) {
        // Cheap test first: most files hold no marker at all.
        guard text.withUnsafeBufferPointer({ UTF8Text.contains(marker, in: $0) }) else { return ([], []) }
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var entries: [SuppressionEntry] = []
        var problems: [Diagnostic] = []
        for (index, line) in lines.enumerated() {
            guard let hash = line.firstIndex(of: "#"), let markerRange = line[hash...].firstRange(of: "idlint:ignore") else { continue }
            let lineNumber = index + 1
            let column = line.distance(from: line.startIndex, to: hash) + 1
            let own = line[..<hash].allSatisfy(\.isWhitespace)
            var target = lineNumber
            if own {
                var next = index + 1
                while next < lines.count, lines[next].trimmingBlanks().hasPrefix("#") || lines[next].trimmingBlanks().isEmpty {
                    next += 1
                }
                target = next + 1
            }
            let place = SourcePosition(line: lineNumber, column: column)
            let (rules, fields) = parse(String(line[markerRange.upperBound...]))
            guard !rules.isEmpty else {
                problems.append(Diagnostic(.warning, file: file, at: place, "idlint:ignore names no rule id; it suppresses nothing"))
                continue
            }
            guard let reason = fields["reason"], !reason.isEmpty else {
                problems.append(Diagnostic(.warning, file: file, at: place, "idlint:ignore without reason=\"...\" is not applied: every accepted risk needs a reason"))
                continue
            }
            let expires = fields["expires"]
            if let expires, !SuppressionDates.isValid(expires) {
                problems.append(Diagnostic(.warning, file: file, at: place, "idlint:ignore expires=\(expires) is not a YYYY-MM-DD date; it is not applied"))
                continue
            }
            let suppression = Suppression(kind: .inSource, justification: reason, owner: fields["owner"], expires: expires,
                                          source: SourceLocation(file: file, span: SourceSpan(at: place)))
            entries.append(SuppressionEntry(suppression: suppression, rules: Set(rules), file: file, line: target))
        }
        return (entries, problems)
    }

    /// Rule ids, then `key=value` or `key="quoted value"` fields.
    static func parse(_ text: String) -> (rules: [String], fields: [String: String]) {
        var rules: [String] = []
        var fields: [String: String] = [:]
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard !rest.isEmpty else { break }
            if let equals = rest.firstIndex(of: "="), !rest[..<equals].contains(where: \.isWhitespace) {
                let key = String(rest[..<equals])
                rest = rest[rest.index(after: equals)...]
                if rest.first == "\"" {
                    rest = rest.dropFirst()
                    let end = rest.firstIndex(of: "\"") ?? rest.endIndex
                    fields[key] = String(rest[..<end])
                    rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
                } else {
                    let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
                    fields[key] = String(rest[..<end])
                    rest = rest[end...]
                }
            } else {
                let end = rest.firstIndex(where: { $0.isWhitespace || $0 == "," }) ?? rest.endIndex
                rules.append(String(rest[..<end]))
                rest = rest[end...].drop { $0 == "," }
            }
        }
        return (rules, fields)
    }
}

enum SuppressionDates {
    static func isValid(_ date: String) -> Bool {
        let parts = date.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
