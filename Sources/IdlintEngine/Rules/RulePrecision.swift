/// How often a rule's findings are right, as GitHub code scanning reads it (SARIF
/// `precision`, by which it sorts alerts). A rule that reads what a grant or setting
/// literally says is `high`; one that judges by names or by what text looks like
/// (a key called `password`, a value that reads as a token, an account named like an
/// agent) is `medium`, since a name can mislead. A rule can say its own with
/// `precision:`.
public enum RulePrecision: String, Sendable, CaseIterable {
    case veryHigh = "very-high"
    case high
    case medium
    case low

    /// The precision a rule has when it does not name one.
    static func judged(from matcher: RuleMatcher) -> RulePrecision {
        switch matcher {
        case .analysis:
            return .high
        case .grants(let grants):
            return grants.subjects.contains(.agent) ? .medium : .high
        case .document(let document):
            guard let condition = document.condition else { return .high }
            let judgesContent = uses(condition) { if case .content = $0 { true } else { false } }
            // A secret found by its key's name (`*password*`) may be a setting named like one.
            let judgesNames = uses(condition) {
                switch $0 {
                case .nameGlob, .keyGlob: true
                default: false
                }
            }
            return judgesContent || document.evidenceIsSecret && judgesNames ? .medium : .high
        }
    }

    private static func uses(_ condition: Condition, _ test: (NodeTest) -> Bool) -> Bool {
        switch condition {
        case .all(let conditions), .any(let conditions): return conditions.contains { uses($0, test) }
        case .not(let inner), .some(_, let inner): return uses(inner, test)
        case .test(_, let node): return test(node)
        }
    }
}
