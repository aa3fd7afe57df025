import IdlintSyntax

/// How a file that idlint did not read as identity configuration is reported: an error
/// that fails the scan when the file looks like identity configuration
/// (`IdentityConfigLook`), a note otherwise.
enum UnreadInput {
    /// A file that did not parse. Input that cannot be read at all (not UTF-8, NUL bytes)
    /// or that trips a bound (too deep, alias expansion) stays an error whatever it looks
    /// like: padding or corrupting a file must not turn its check into a note. So does a
    /// file some of whose documents were already recognised.
    ///
    /// A template of a chart among the scanned files that does not read as YAML around its
    /// actions, wholly, is a note that says how to judge it: the chart, rendered, is the
    /// input (`helm template`), and a chart's templates failing every CI run would only get
    /// charts excluded. One read in part stays an error. The change gate fails on a note
    /// for a template the change adds or edits (`failingChangedTemplates`), and on one the
    /// base read (`failingFilesReadBefore`).
    static func parseFailure(_ error: SyntaxError, file: String, bytes: [UInt8], recognisedSome: Bool, chartTemplate: Bool = false) -> Diagnostic {
        let quietable = error.reason == .malformed || error.reason == .forbiddenConstruct
        guard quietable, !recognisedSome else { return Diagnostic(.error, file: file, at: error.position, error.message) }
        if chartTemplate {
            let chart = HelmCharts.chart(ofTemplate: file).map { $0.isEmpty ? "." : String($0.dropLast()) } ?? "CHART"
            return Diagnostic(.note, file: file, at: error.position,
                              unparsedNotePrefix + "\(error.message)\(templateMarker) (helm template \(chart) | idlint scan -)")
        }
        if let reason = IdentityConfigLook.reason(path: file, bytes: bytes) {
            return Diagnostic(.error, file: file, at: error.position, "\(error.message) (it looks like identity configuration: \(reason))")
        }
        return Diagnostic(.note, file: file, at: error.position, unparsedNotePrefix + error.message)
    }

    private static let unparsedNotePrefix = "not read as identity configuration: "

    /// Whether a diagnostic says its file was not read: an error, or a note of a file that
    /// did not parse. A warning on a file that was read (an expired suppression) is not one.
    static func saysUnread(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.level == .error || (diagnostic.level == .note && diagnostic.message.hasPrefix(unparsedNotePrefix))
    }
    private static let templateMarker = "; a Helm template: render the chart to judge it"

    /// In a change, a chart template that the change adds or edits and that cannot be
    /// read is an error: what the change puts there is not judged, so it cannot pass.
    static func failingChangedTemplates(_ diagnostics: [Diagnostic], changed: (String) -> Bool) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            guard diagnostic.level == .note, diagnostic.message.contains(templateMarker), changed(diagnostic.file) else { return diagnostic }
            let message = diagnostic.message.dropFirst(unparsedNotePrefix.count)
            return Diagnostic(.error, file: diagnostic.file, at: diagnostic.position, "\(message) (the change edits this template)")
        }
    }

    /// In a change, a file that the base read as identity configuration and the head
    /// cannot parse is an error however plain it now looks: emptying a policy into
    /// broken text must fail the gate, not make its findings "fixed".
    static func failingFilesReadBefore(_ diagnostics: [Diagnostic], readBefore: Set<String>) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            guard diagnostic.level == .note, diagnostic.message.hasPrefix(unparsedNotePrefix), readBefore.contains(diagnostic.file) else { return diagnostic }
            let message = diagnostic.message.dropFirst(unparsedNotePrefix.count)
            return Diagnostic(.error, file: diagnostic.file, at: diagnostic.position, "\(message) (the base revision read it as identity configuration)")
        }
    }

    /// A JSON or XML file that parsed and held nothing idlint recognises, but looks like
    /// identity configuration: a SAML-named file whose root is not a SAML element, a JSON
    /// export that is not one. Said, so that "clean" is not mistaken for "not understood".
    /// YAML is left out: many files there carry `kind:` without being identity configuration.
    static func unrecognised(_ root: Node, file: String) -> Diagnostic? {
        guard root.document.syntax == .xml || root.document.syntax == .json,
              let reason = IdentityConfigLook.reason(path: file, root: root) else { return nil }
        let shape = root.document.syntax == .xml ? "its root element is \(root.tag.map(readableTag) ?? "?")" : "its content is not a form idlint reads"
        return Diagnostic(.note, file: file, at: root.start, "looks like identity configuration (\(reason)), but \(shape); not judged")
    }

    /// `{urn:...}Response` as `Response (urn:...)`: the element's name first.
    private static func readableTag(_ tag: String) -> String {
        guard tag.hasPrefix("{"), let close = tag.firstIndex(of: "}") else { return tag }
        let namespace = tag[tag.index(after: tag.startIndex)..<close]
        return "\(tag[tag.index(after: close)...]) (\(namespace))"
    }
}
