import FoundationEssentials
import IdlintSyntax

/// Why a finding is not counted: an accepted risk with a reason, an owner where known,
/// and an expiry after which it stops hiding anything.
public struct Suppression: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// A comment in the scanned file.
        case inSource
        /// An entry of the suppression file.
        case external
        /// A fingerprint recorded in the baseline file.
        case baseline
    }

    public var kind: Kind
    public var justification: String
    public var owner: String?
    /// Last day (UTC) the suppression applies, inclusive.
    public var expires: String?
    /// Where the suppression is written.
    public var source: SourceLocation?

    public init(kind: Kind, justification: String, owner: String? = nil, expires: String? = nil, source: SourceLocation? = nil) {
        self.kind = kind
        self.justification = justification
        self.owner = owner
        self.expires = expires
        self.source = source
    }

    /// Whether the expiry date has passed on `today` (`YYYY-MM-DD`, UTC).
    func isExpired(today: String) -> Bool {
        guard let expires else { return false }
        return expires < today
    }
}

/// A suppression that must still be matched to a finding.
struct SuppressionEntry: Sendable {
    var suppression: Suppression
    /// Rule ids it applies to; empty means any rule (only allowed in files, not inline).
    var rules: Set<String>
    /// For inline entries: the file and line of the finding it covers.
    var file: String?
    var line: Int?
    /// For file entries: a glob over the finding's file, and optionally its exact fingerprint.
    var pathGlob: GlobPattern?
    /// As written, for messages.
    let fingerprint: String?
    /// As bits, read once: nil when the written text is no fingerprint (not 32 lowercase
    /// hex digits, as printed), which then matches no finding.
    private let wantedFingerprint: Fingerprint.Value?

    init(suppression: Suppression, rules: Set<String>, file: String? = nil, line: Int? = nil, pathGlob: GlobPattern? = nil, fingerprint: String? = nil) {
        self.suppression = suppression
        self.rules = rules
        self.file = file
        self.line = line
        self.pathGlob = pathGlob
        self.fingerprint = fingerprint
        wantedFingerprint = fingerprint.flatMap(Fingerprint.Value.init(hex:))
    }

    func covers(_ finding: Finding) -> Bool {
        if !rules.isEmpty, !rules.contains(finding.ruleID) { return false }
        if let file, file != finding.location.file { return false }
        if let line, line != finding.location.line { return false }
        if let pathGlob, !pathGlob.matches(finding.location.file) { return false }
        if fingerprint != nil, wantedFingerprint != finding.fingerprintValue { return false }
        return true
    }
}
