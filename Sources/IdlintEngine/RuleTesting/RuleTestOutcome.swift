/// What testing one rule against its fixture folder showed.
public struct RuleTestOutcome: Sendable {
    public var ruleID: String
    /// The rule's fixture folder (holding `positive/` and `negative/`).
    public var folder: String
    /// Marked in `positive/` and not reported.
    public var missing: [FixtureExpectation] = []
    /// Reported in `positive/` and not marked, or reported anywhere in `negative/`.
    public var unexpected: [ReportedPlace] = []
    /// Still reported when each expected finding was given a suppression.
    public var unsilenced: [ReportedPlace] = []
    /// What kept the fixtures from being judged (an unreadable fixture, a marker that
    /// names no rule, a folder without markers): failures too, never skipped.
    public var problems: [String] = []
    /// How many findings were expected and checked.
    public var expectedCount = 0

    public var passed: Bool { missing.isEmpty && unexpected.isEmpty && unsilenced.isEmpty && problems.isEmpty }

    /// The failure in words, one line each, for a terminal or a test's message.
    public var failureLines: [String] {
        problems.map { "problem: \($0)" }
            + missing.map { "expected, not reported: \($0) (marked at \($0.markedAt))" }
            + unexpected.map { "reported, not expected: \($0)" }
            + unsilenced.map { "not silenced by a suppression: \($0)" }
    }
}

/// Every rule tested, and what was found that no rule owns.
public struct RuleTestReport: Sendable {
    public var outcomes: [RuleTestOutcome] = []
    /// Fixture folders named after no rule, and rules under test that have no fixtures.
    public var problems: [String] = []

    public var passed: Bool { problems.isEmpty && outcomes.allSatisfy(\.passed) }

    public init() {}
}
