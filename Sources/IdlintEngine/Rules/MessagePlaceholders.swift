import IdlintSyntax

/// Which `{placeholders}` a rule's message may use, checked when the rule is loaded: a
/// misspelt one is an error at its place in the rule file, never a `?` in a report.
extension RuleMatcher {
    /// The names this kind of match fills in.
    var placeholderNames: Set<String> {
        switch self {
        case .document: DocumentRuleEvaluator.placeholderNames
        case .grants: GrantRuleEvaluator.placeholderNames
        case .analysis: AnalysisRegistry.placeholderNames
        }
    }

    /// Whether `placeholder` is one this match fills in. A document rule may also name a
    /// path, from the object (`{roleRef.name}`, `{$client_email}`) or from the element
    /// that `each` reached (`{@clientId}`); a single bare word must carry its `$` or `@`,
    /// so that a misspelt name cannot pass for a path.
    func accepts(placeholder: String) -> Bool {
        if placeholderNames.contains(placeholder) { return true }
        guard case .document = self else { return false }
        let path = placeholder.hasPrefix("@") ? String(placeholder.dropFirst()) : placeholder
        guard !path.isEmpty, (try? NodePath(path)) != nil else { return false }
        return placeholder.first.map { "@$^".contains($0) } == true || placeholder.contains(".") || placeholder.contains("[")
    }

    /// Throws at the first placeholder of `message` that this match does not fill in.
    func checkPlaceholders(in message: Node, ruleID: String) throws {
        for (name, offset) in MessageTemplate.placeholders(in: message.text) where !accepts(placeholder: name) {
            let known = placeholderNames.sorted().map { "{\($0)}" }.joined(separator: ", ")
            let hint = Spelling.nearest(name, among: placeholderNames).map { "; did you mean {\($0)}?" } ?? ""
            let paths = if case .document = self { ", or a path such as {$field} or {@field}" } else { "" }
            throw DataFileError(file: message.document.file, at: Self.position(ofOffset: offset, in: message),
                                "rule \(ruleID): unknown placeholder {\(name)} in its message\(hint) (known: \(known)\(paths))")
        }
    }

    /// Where a Unicode scalar of a scalar's text sits in the file: exact for a scalar on one
    /// line written plain or quoted without escapes, the scalar's start otherwise.
    private static func position(ofOffset offset: Int, in scalar: Node) -> SourcePosition {
        let span = scalar.span
        guard span.start.line == span.end.line else { return span.start }
        let written = Int(span.end.column - span.start.column)
        let length = scalar.text.unicodeScalars.count
        let opening = written == length ? 0 : written == length + 2 ? 1 : -1
        guard opening >= 0 else { return span.start }
        return SourcePosition(line: span.start.line, column: span.start.column + Int32(opening + offset))
    }
}
