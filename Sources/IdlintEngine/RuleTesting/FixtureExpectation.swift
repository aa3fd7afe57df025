/// One finding a rule's fixture says the rule must report: a rule, a file of the
/// fixture folder, a line and, when the marker gives it, a column. A marker with a
/// count stands for that many expectations: they are compared as a multiset.
public struct FixtureExpectation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var ruleID: String
    /// The file, relative to the folder the fixture is in.
    public var file: String
    public var line: Int
    /// Nil for a marker without a column: any column of the line.
    public var column: Int?
    /// Where the marker itself is written, for a failure message.
    public var markedAt: String
    /// The sidecar's search key that named the place (`/Statement/0/Action`), if any.
    public var searchKey: String?

    public init(ruleID: String, file: String, line: Int, column: Int?, markedAt: String, searchKey: String? = nil) {
        self.ruleID = ruleID
        self.file = file
        self.line = line
        self.column = column
        self.markedAt = markedAt
        self.searchKey = searchKey
    }

    public static func < (lhs: FixtureExpectation, rhs: FixtureExpectation) -> Bool {
        (lhs.file, lhs.line, lhs.column ?? 0, lhs.ruleID) < (rhs.file, rhs.line, rhs.column ?? 0, rhs.ruleID)
    }

    public var description: String {
        "\(file):\(line)\(column.map { ":\($0)" } ?? "") \(ruleID)" + (searchKey.map { " at \($0)" } ?? "")
    }
}

/// A finding as the harness compares it: where, and which rule.
public struct ReportedPlace: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var ruleID: String
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// For a JSON or XML fixture, the search key naming where the finding is reported,
    /// when one names it alone: what its sidecar line would say.
    public var searchKey: String?

    public static func < (lhs: ReportedPlace, rhs: ReportedPlace) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.ruleID) < (rhs.file, rhs.line, rhs.column, rhs.ruleID)
    }

    public var description: String {
        "\(file):\(line):\(column) \(ruleID): \(message)" + (searchKey.map { " (in \(file).expect: \(ruleID) \($0))" } ?? "")
    }
}

/// Expected against reported, as multisets: an expectation with a column takes a finding
/// at exactly that place, one without takes any finding left on its line. What is left
/// on either side is a failure.
enum FixtureComparison {
    static func compare(expected: [FixtureExpectation], reported: [ReportedPlace]) -> (missing: [FixtureExpectation], unexpected: [ReportedPlace]) {
        var left = reported.sorted()
        var missing: [FixtureExpectation] = []
        // Exact places first, so that a line-only marker never takes a finding that an
        // exact marker of the same line needs.
        for expectation in expected.sorted() where expectation.column != nil {
            if let index = left.firstIndex(where: { $0.ruleID == expectation.ruleID && $0.file == expectation.file && $0.line == expectation.line && $0.column == expectation.column }) {
                left.remove(at: index)
            } else {
                missing.append(expectation)
            }
        }
        for expectation in expected.sorted() where expectation.column == nil {
            if let index = left.firstIndex(where: { $0.ruleID == expectation.ruleID && $0.file == expectation.file && $0.line == expectation.line }) {
                left.remove(at: index)
            } else {
                missing.append(expectation)
            }
        }
        return (missing.sorted(), left)
    }
}
