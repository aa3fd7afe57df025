/// A template action that only looks up a chart value and formats it:
/// `.Values.rbac.verbs`, `toYaml .Values.rbac.rules | nindent 2`, `.name | quote` inside
/// `with .Values.serviceAccount`. Anything else (functions, `default`, `tpl`,
/// `include`, variables) is not a lookup, and its value stays unknown.
struct HelmLookup {
    /// The path of keys under `.Values`.
    var path: [Substring]
    /// `toYaml` or `toJson`: a list or map is written out, not printed Go-style.
    var structured = false
    var quoted = false
    /// `nindent N` or `indent N`.
    var indent: Int?

    /// What `.` is where an action stands: the template's root object, a value under
    /// `.Values` (inside `with .Values.x`), or something a lookup cannot follow (`range`).
    enum Context: Equatable {
        case root
        case values([Substring])
        case unknown
    }

    init?(_ body: Substring, context: Context) {
        var stages = body.split(separator: "|").map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }) }
        guard let first = stages.first, !first.isEmpty else { return nil }
        stages.removeFirst()
        let reference: Substring
        switch first.count {
        case 1: reference = first[0]
        case 2 where ["toYaml", "toJson", "toPrettyJson"].contains(first[0]):
            structured = true
            reference = first[1]
        default: return nil
        }
        guard let path = Self.resolve(reference, context: context) else { return nil }
        self.path = path
        for stage in stages {
            switch (stage.first, stage.count) {
            case ("toYaml"?, 1), ("toJson"?, 1), ("toPrettyJson"?, 1): structured = true
            case ("quote"?, 1), ("squote"?, 1): quoted = true
            case ("trim"?, 1): break
            case ("nindent"?, 2), ("indent"?, 2):
                guard let spaces = Int(stage[1]), (0...200).contains(spaces) else { return nil }
                indent = spaces
            default: return nil
            }
        }
    }

    /// The path under `.Values` that a reference names, where it can be followed.
    static func resolve(_ reference: Substring, context: Context) -> [Substring]? {
        let parts = reference.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.dropFirst().allSatisfy(isKey) || reference == "." else { return nil }
        switch (parts[0], context) {
        case ("$", _) where parts[1] == "Values":
            return Array(parts.dropFirst(2))
        case ("", .root) where parts[1] == "Values":
            return Array(parts.dropFirst(2))
        case ("", .values(let base)):
            return reference == "." ? base : base + parts.dropFirst()
        default:
            return nil
        }
    }

    private static func isKey(_ part: Substring) -> Bool {
        !part.isEmpty && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }
}
