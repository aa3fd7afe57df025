import IdlintSyntax

/// Whole-model analyses written in Swift. A rule names one with `match: {analysis: NAME}`,
/// so its findings carry that rule's metadata like any other.
enum AnalysisRegistry {
    typealias Analysis = @Sendable (Rule, ModelContext) -> [Finding]

    static let analyses: [String: Analysis] = [
        "k8s.unneeded-token-automount": TokenAutomount.unneeded,
        "k8s.sensitive-token-automount": TokenAutomount.sensitive,
        "k8s.shared-service-account": SharedServiceAccount.findings,
        "aws.user-inline-policy": userInlinePolicies,
    ]

    static var names: Set<String> { Set(analyses.keys) }

    /// The placeholders an analysis rule's message may name.
    /// `permissions` is filled in by the analyses that weigh grants, `others` by the one
    /// that finds shared accounts; "?" elsewhere.
    static let placeholderNames: Set<String> = ["kind", "name", "subject", "permissions", "others"]
}
