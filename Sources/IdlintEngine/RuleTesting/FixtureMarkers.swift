import FoundationEssentials

/// Reads the expectations written into fixtures.
///
/// In YAML and HCL, a comment alone on its line marks the next line:
///
///     # expect: K8S-ADMIN-BINDING@11, K8S-WILDCARD-VERB@9*2
///
/// Each entry is a rule id, optionally `@COLUMN` and `*COUNT` (that many findings at that
/// place); an entry without a column takes a finding anywhere on the line. JSON and XML
/// have no comments: their expectations are in a sidecar (`FixtureSidecar`). A malformed
/// marker is an error, never skipped.
enum FixtureMarkers {
    struct Problem: Error, Sendable {
        var message: String
    }

    static let commentPrefixes = ["# expect:", "// expect:"]

    /// The markers in a fixture's comments.
    static func inComments(of text: String, file: String) throws(Problem) -> [FixtureExpectation] {
        var found: [FixtureExpectation] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingBlanks()
            guard let prefix = commentPrefixes.first(where: { trimmed.hasPrefix($0) }) else { continue }
            let place = "\(file):\(index + 1)"
            for entry in trimmed.dropFirst(prefix.count).split(separator: ",") {
                found += try expectations(entry.trimmingBlanks(), file: file, line: index + 2, markedAt: place)
            }
        }
        return found
    }

    /// `RULE-ID[@COLUMN][*COUNT]` as expectations for `line`.
    private static func expectations(_ entry: String, file: String, line: Int, markedAt place: String) throws(Problem) -> [FixtureExpectation] {
        let (body, count) = try splitCount(entry, place: place)
        let parts = body.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
        guard let ruleID = parts.first, !ruleID.isEmpty, parts.count <= 2 else {
            throw Problem(message: "\(place): '\(entry)' is not RULE-ID[@COLUMN][*COUNT]")
        }
        var column: Int?
        if parts.count == 2 {
            guard let number = Int(parts[1]), number > 0 else { throw Problem(message: "\(place): '\(parts[1])' in '\(entry)' is not a column") }
            column = number
        }
        return Array(repeating: FixtureExpectation(ruleID: ruleID, file: file, line: line, column: column, markedAt: place), count: count)
    }

    /// `TEXT*COUNT` as the text and the count (1 without a star).
    static func splitCount(_ text: String, place: String) throws(Problem) -> (String, Int) {
        guard let star = text.firstIndex(of: "*") else { return (text, 1) }
        guard let count = Int(text[text.index(after: star)...]), count > 0 else {
            throw Problem(message: "\(place): the count in '\(text)' is not a positive number")
        }
        return (String(text[..<star]), count)
    }
}
