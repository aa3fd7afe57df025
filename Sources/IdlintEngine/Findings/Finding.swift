import IdlintSyntax

/// One risk found: which rule, where, about whom, and why. Evidence is already redacted.
public struct Finding: Sendable, Hashable {
    public var ruleID: String
    /// What the finding says, redacted.
    public var message: String { messageValue.text }
    /// The message as held: its ending may be shared with the rest of a group.
    private var messageValue: FindingMessage
    public var location: SourceLocation
    /// Other places that explain the finding, such as the role behind a binding.
    public var relatedLocations: RelatedPlaces
    /// The offending text, redacted when it is secret material.
    public var evidence: String?
    /// What the finding is about, without its evidence, as bits: made from the rule, the
    /// document's kind (`k8s.RoleBinding`) and the logical path (kind, namespace, name
    /// and the path inside the object). Kept rather than the kind and path: nothing else
    /// reads them, and the path was a heap string of its own for every finding.
    private let identityValue: Fingerprint.Value
    /// The principal the finding is about, when there is one (for grouping and deltas).
    public var principal: String?
    /// The 32 hex digits that identify the finding across runs and edits.
    public var fingerprint: String { fingerprintValue.hex }
    /// The fingerprint as bits: suppressions and baselines compare these, read once from
    /// their digits, rather than write out every finding's digits.
    private(set) var fingerprintValue: Fingerprint.Value
    /// Set in diff mode: how this finding relates to the base of the change.
    public var baselineState: BaselineState?
    /// Beside the other one-byte field, where it takes no word of its own: a dense scan
    /// holds hundreds of thousands of findings.
    public var severity: Severity
    /// Set when an accepted risk covers the finding; it then fails nothing.
    public var suppression: Suppression? {
        get { suppressionBox?.suppression }
        set { suppressionBox = newValue.map(SuppressionBox.init) }
    }
    /// Whether an accepted risk covers the finding, without copying the suppression out.
    public var isSuppressed: Bool { suppressionBox != nil }
    /// Few findings are suppressed, and a suppression held inline made every finding a
    /// third larger (a dense scan holds hundreds of thousands of them).
    private var suppressionBox: SuppressionBox?

    /// The finding says `message`, followed by `messageEnding` when there is one: a
    /// group of findings that end alike hold that ending once.
    public init(ruleID: String, severity: Severity, message: String, messageEnding: FindingMessage.Ending? = nil, location: SourceLocation,
                relatedLocations: RelatedPlaces = [], evidence: String? = nil, documentKind: String, logicalPath: String, principal: String? = nil) {
        self.ruleID = ruleID
        self.severity = severity
        // Messages and evidence quote scanned text: they leave through the one redactor.
        messageValue = FindingMessage(redacting: message, messageEnding)
        self.location = location
        self.relatedLocations = Self.scrubbed(relatedLocations)
        self.evidence = evidence.map(Redaction.scrub)
        self.principal = principal
        (fingerprintValue, identityValue) = Fingerprint.values(ruleID: ruleID, documentKind: documentKind, logicalPath: logicalPath, evidence: self.evidence)
    }

    /// The related places with their messages scrubbed. A list whose messages are clean,
    /// nearly every one, stays the list it was: analyses share one list among many
    /// findings (the others that run as a shared account), and a copy each would hold it
    /// once per finding.
    private static func scrubbed(_ related: RelatedPlaces) -> RelatedPlaces {
        var result = related
        for index in related.indices {
            let message = related[index].message
            let clean = Redaction.scrub(message)
            if clean != message { result[index].message = clean }
        }
        return result
    }

    /// The environment its file configures (`overlays/staging/...`), nil for a shared file.
    public var environment: String? {
        Environment.of(location).displayName
    }

    /// What the finding is about, without its evidence: the same element with different
    /// evidence (a rotated secret, an extra verb) is the same finding, updated.
    public var identity: String { identityValue.hex }
}

/// SARIF's baseline states: how a finding of the head relates to the base.
public enum BaselineState: String, Sendable, Codable {
    case new
    case unchanged
    case updated
    /// In the base, gone from the head: fixed by the change.
    case absent
}

public struct RelatedLocation: Sendable, Hashable {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }
}

extension Finding: Comparable {
    /// Report order: file, line, column, then rule, so output is deterministic.
    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        if lhs.location.file != rhs.location.file { return lhs.location.file < rhs.location.file }
        if lhs.location.span.start != rhs.location.span.start { return lhs.location.span.start < rhs.location.span.start }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.fingerprintValue < rhs.fingerprintValue
    }
}

/// A suppression held by reference, compared and hashed by its value.
private final class SuppressionBox: Sendable, Hashable {
    let suppression: Suppression

    init(_ suppression: Suppression) {
        self.suppression = suppression
    }

    static func == (lhs: SuppressionBox, rhs: SuppressionBox) -> Bool {
        lhs.suppression == rhs.suppression
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(suppression)
    }
}
