import FoundationEssentials
import IdlintSyntax

/// Reads a sidecar, `<file>.expect`: the expectations of a JSON or XML fixture, which
/// has no comments to hold markers. One expectation a line:
///
///     AWS-ALLOW-NOT-ACTION /Statement/1/NotAction
///     SAML-CERTIFICATE-EXPIRED /EntityDescriptor/IDPSSODescriptor/KeyDescriptor[@use=signing]/KeyInfo/X509Data/X509Certificate/text() *2
///     AWS-SENSITIVE-SERVICE-WILDCARD 12:17
///
/// A search key (see `FixtureSearchKey`), optionally followed by `*COUNT` (that many
/// findings there), or a place by number, `LINE[:COLUMN][*COUNT]`, for what no key can
/// name (a policy inside a Terraform heredoc). Blank lines and `#` comments are skipped.
enum FixtureSidecar {
    /// The expectations of `sidecar` for the fixture `file` beside it. `documents` parses
    /// the fixture; it is called once, and only when a line holds a search key.
    static func expectations(_ text: String, sidecar: String, file: String,
                             documents parse: () throws(FixtureMarkers.Problem) -> [Document]) throws(FixtureMarkers.Problem) -> [FixtureExpectation] {
        var found: [FixtureExpectation] = []
        var parsed: [Document]?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingBlanks()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let place = "\(sidecar):\(index + 1)"
            let parts = trimmed.split(separator: " ", maxSplits: 1).map { $0.trimmingBlanks() }
            guard parts.count == 2, !parts[1].isEmpty else {
                throw FixtureMarkers.Problem(message: "\(place): expected 'RULE-ID /search/key' or 'RULE-ID LINE[:COLUMN][*COUNT]', found '\(trimmed)'")
            }
            let ruleID = parts[0]
            guard parts[1].hasPrefix("/") else {
                found += try numbered(parts[1], ruleID: ruleID, file: file, place: place)
                continue
            }
            let (keyText, count) = try splitCount(word: parts[1], place: place)
            if parsed == nil { parsed = try parse() }
            let documents = parsed ?? []
            let key: FixtureSearchKey
            do {
                key = try FixtureSearchKey(keyText, syntax: documents.first?.syntax ?? .json)
            } catch {
                throw FixtureMarkers.Problem(message: "\(place): '\(keyText)': \(error.reason)")
            }
            let named = key.resolve(in: documents)
            guard named.count == 1 else {
                let places = named.prefix(5).map { "\(FixtureSearchKey.place(of: $0))" }.joined(separator: ", ")
                throw FixtureMarkers.Problem(message: named.isEmpty
                    ? "\(place): \(keyText) names nothing in \(file)"
                    : "\(place): \(keyText) names \(named.count) places in \(file) (\(places)); narrow it with [@attribute=value] or [N]")
            }
            let position = FixtureSearchKey.place(of: named[0])
            let expectation = FixtureExpectation(ruleID: ruleID, file: file, line: Int(position.line), column: Int(position.column),
                                                 markedAt: place, searchKey: keyText)
            found += Array(repeating: expectation, count: count)
        }
        return found
    }

    /// `LINE[:COLUMN][*COUNT]`.
    private static func numbered(_ text: String, ruleID: String, file: String, place: String) throws(FixtureMarkers.Problem) -> [FixtureExpectation] {
        let (where_, count) = try FixtureMarkers.splitCount(text, place: place)
        let numbers = where_.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(numbers.count), numbers.allSatisfy({ ($0 ?? 0) > 0 }), let line = numbers[0] else {
            throw FixtureMarkers.Problem(message: "\(place): '\(text)' is not a search key (/...), LINE or LINE:COLUMN")
        }
        let expectation = FixtureExpectation(ruleID: ruleID, file: file, line: line, column: numbers.count == 2 ? numbers[1] : nil, markedAt: place)
        return Array(repeating: expectation, count: count)
    }

    /// A key and the count written after it as a word of its own (`/Statement *2`).
    private static func splitCount(word text: String, place: String) throws(FixtureMarkers.Problem) -> (String, Int) {
        guard let space = text.lastIndex(of: " "), text[text.index(after: space)...].hasPrefix("*") else { return (text, 1) }
        let (_, count) = try FixtureMarkers.splitCount(String(text[text.index(after: space)...]), place: place)
        return (text[..<space].trimmingBlanks(), count)
    }
}
