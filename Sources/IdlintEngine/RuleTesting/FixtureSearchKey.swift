import IdlintSyntax

/// Where a finding in a JSON or XML fixture must be reported, named by the path to the
/// element rather than by its line, so that an expectation survives edits above it.
///
/// JSON takes a JSON Pointer (RFC 6901): `/Statement/0/Action`, array elements counted
/// from 0, `~1` for a `/` and `~0` for a `~` inside a key. `/` alone names the whole
/// document, as in XPath (RFC 6901 writes that as the empty string, which a sidecar line
/// cannot hold; a member named by the empty string is left to `LINE:COLUMN`).
///
/// XML takes an element path in XPath's short form, from the root element:
/// `/EntityDescriptor/SPSSODescriptor/AssertionConsumerService[@index=0]/@Location`.
/// Elements are named by local name (no prefix); `[@name=value]` keeps the elements with
/// that attribute value (quote the value when it holds `]`), `[N]` the Nth of those left
/// (from 1, as in XPath); a last step `@name` names an attribute, `text()` the element's
/// text.
///
/// A key names a node, and the node a place: where the node starts, or, for a mapping
/// or list under a key, where that key starts, which is where idlint reports such a node
/// (`"Condition":`, not the `{` after it). A finding matches the key when it starts
/// exactly there; a key that names no node, or several, is an error.
struct FixtureSearchKey: Sendable, CustomStringConvertible {
    enum Step: Sendable, Equatable {
        /// A JSON Pointer token: a member of an object, or an index into an array.
        case token(String)
        case element(String, [Predicate])
        case attribute(String)
        case text

        /// Attributes and text have no children: nothing may follow them.
        var isLeaf: Bool {
            switch self {
            case .attribute, .text: true
            case .token, .element: false
            }
        }
    }

    enum Predicate: Sendable, Equatable {
        /// The Nth, from 1.
        case position(Int)
        case attribute(String, String)
    }

    struct Malformed: Error, Sendable {
        var reason: String
    }

    let description: String
    let steps: [Step]

    /// Reads a key written for a fixture of `syntax` (JSON or XML).
    init(_ text: String, syntax: Syntax) throws(Malformed) {
        description = text
        switch syntax {
        case .json: steps = try Self.jsonPointer(text)
        case .xml:
            var reader = XMLPathReader(text)
            steps = try reader.steps()
        case .yaml, .hcl, .toml: throw Malformed(reason: "search keys name places in JSON and XML fixtures; mark YAML, TOML and Terraform with '# expect:' comments")
        }
    }

    private static func jsonPointer(_ text: String) throws(Malformed) -> [Step] {
        guard text.hasPrefix("/") else { throw Malformed(reason: "a JSON Pointer starts with '/' (/Statement/0/Action)") }
        if text == "/" { return [] }
        var steps: [Step] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var characters = raw.makeIterator()
            while let character = characters.next() {
                guard character == "~" else {
                    token.append(character)
                    continue
                }
                switch characters.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw Malformed(reason: "'~' in a JSON Pointer is written '~0', and '/' inside a key '~1'")
                }
            }
            steps.append(.token(token))
        }
        return steps
    }
}

/// Reads the XPath-like form of an XML search key, step by step.
private struct XMLPathReader {
    let text: String
    let characters: [Character]
    var index = 0

    init(_ text: String) {
        self.text = text
        characters = Array(text)
    }

    mutating func steps() throws(FixtureSearchKey.Malformed) -> [FixtureSearchKey.Step] {
        guard characters.first == "/" else { throw fail("an XML path starts with '/' and the root element (/EntityDescriptor/...)") }
        var steps: [FixtureSearchKey.Step] = []
        while index < characters.count {
            guard characters[index] == "/" else { throw fail("'/' expected at column \(index + 1)") }
            index += 1
            if steps.last?.isLeaf == true { throw fail("an attribute or text() ends the path") }
            if peek("text()") {
                index += "text()".count
                steps.append(.text)
            } else if characters[safe: index] == "@" {
                index += 1
                steps.append(.attribute(try name(allowingPrefix: true)))
            } else {
                let element = try name(allowingPrefix: false)
                var predicates: [FixtureSearchKey.Predicate] = []
                while characters[safe: index] == "[" {
                    index += 1
                    predicates.append(try predicate())
                }
                steps.append(.element(element, predicates))
            }
        }
        guard case .element = steps.first else { throw fail("the first step names the root element") }
        return steps
    }

    private mutating func predicate() throws(FixtureSearchKey.Malformed) -> FixtureSearchKey.Predicate {
        if characters[safe: index] == "@" {
            index += 1
            let attribute = try name(allowingPrefix: true)
            guard characters[safe: index] == "=" else { throw fail("'=' expected after [@\(attribute)") }
            index += 1
            let value: String
            if let quote = characters[safe: index], quote == "\"" || quote == "'" {
                guard let close = characters[(index + 1)...].firstIndex(of: quote) else { throw fail("unclosed \(quote) in a predicate") }
                value = String(characters[(index + 1)..<close])
                index = close + 1
                guard characters[safe: index] == "]" else { throw fail("']' expected after the quoted value") }
            } else {
                guard let close = characters[index...].firstIndex(of: "]") else { throw fail("unclosed '['") }
                value = String(characters[index..<close])
                index = close
            }
            index += 1
            return .attribute(attribute, value)
        }
        guard let close = characters[index...].firstIndex(of: "]") else { throw fail("unclosed '['") }
        let inside = String(characters[index..<close])
        guard let position = Int(inside), position > 0, inside.allSatisfy(\.isASCII) else {
            throw fail("'[\(inside)]' must be [@attribute=value] or a position from 1, such as [2]")
        }
        index = close + 1
        return .position(position)
    }

    private mutating func name(allowingPrefix: Bool) throws(FixtureSearchKey.Malformed) -> String {
        let start = index
        while let character = characters[safe: index], !"/[]@=\"' ".contains(character) { index += 1 }
        let found = String(characters[start..<index])
        guard !found.isEmpty else { throw fail("a name expected at column \(start + 1)") }
        if !allowingPrefix, let colon = found.firstIndex(of: ":") {
            throw fail("elements are named without their prefix: \(found[found.index(after: colon)...]), not \(found)")
        }
        return found
    }

    private func peek(_ word: String) -> Bool {
        characters[index...].starts(with: word)
    }

    private func fail(_ reason: String) -> FixtureSearchKey.Malformed {
        FixtureSearchKey.Malformed(reason: reason)
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
