import IdlintSyntax

/// Whole-model analyses written in Swift. A rule names one with `match: {analysis: NAME}`,
/// so its findings carry that rule's metadata like any other.
enum AnalysisRegistry {
    /// What an analysis reads: the merged model alone, or the grant sets derived from it
    /// too. Those that read the model alone run once the grant sets and their index are
    /// released (see `IdentityScanner.wholeModelFindings`).
    enum Analysis: Sendable {
        /// Given how many threads it may use.
        case overModel(@Sendable (Rule, IdentityModel, _ workers: Int) -> [Finding])
        case overGrants(@Sendable (Rule, ModelContext) -> [Finding])
    }

    static let analyses: [String: Analysis] = [
        "k8s.unneeded-token-automount": .overModel { rule, model, _ in TokenAutomount.unneeded(rule, model) },
        "k8s.sensitive-token-automount": .overGrants(TokenAutomount.sensitive),
        "k8s.shared-service-account": .overModel(SharedServiceAccount.findings),
        "aws.user-inline-policy": .overModel { rule, model, _ in userInlinePolicies(rule, model) },
    ]

    static var names: Set<String> { Set(analyses.keys) }

    /// The placeholders an analysis rule's message may name.
    /// `permissions` is filled in by the analyses that weigh grants, `others` by the one
    /// that finds shared accounts; "?" elsewhere.
    static let placeholderNames: Set<String> = ["kind", "name", "subject", "permissions", "others"]
}
