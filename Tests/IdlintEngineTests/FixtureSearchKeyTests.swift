import Testing
@testable import IdlintEngine
@testable import IdlintSyntax

/// Search keys name the place of an expected finding in a JSON or XML fixture by path:
/// they resolve to exactly one node, at the place idlint reports it, and a finding's
/// place can be named back.
@Suite("Fixture search keys")
struct FixtureSearchKeyTests {
    static let policy = """
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
        {"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*", "Condition": {"a/b~c": {"x": "1"}}}
      ]
    }
    """

    static let metadata = """
    <?xml version="1.0"?>
    <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sp.example.org">
      <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
        <md:AssertionConsumerService index="0" Binding="post" Location="https://sp.example.org/acs"/>
        <md:AssertionConsumerService index="1" Binding="post" Location="http://sp.example.org/acs"/>
        <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
      </md:SPSSODescriptor>
    </md:EntityDescriptor>
    """

    static let aggregate = """
    <EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" validUntil="2099-01-01T00:00:00Z">
      <EntityDescriptor entityID="https://a.example.org"><SPSSODescriptor/></EntityDescriptor>
      <EntityDescriptor entityID="https://b.example.org"><SPSSODescriptor/></EntityDescriptor>
    </EntitiesDescriptor>
    """

    static func documents(_ text: String, _ syntax: Syntax) throws -> [Document] {
        var documents: [Document] = []
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            try syntax.parser.parse(buffer, file: "fixture", limits: .standard) { documents.append($0) }
        }
        return documents
    }

    static func places(_ key: String, _ text: String, _ syntax: Syntax) throws -> [String] {
        try FixtureSearchKey(key, syntax: syntax).resolve(in: documents(text, syntax)).map { "\(FixtureSearchKey.place(of: $0))" }
    }

    @Test("a JSON Pointer names a value at its start, a mapping or list at its key, an array element at its start", arguments: [
        ("/Statement/0/Action", "4:35"),
        ("/Statement/1/NotAction", "5:25"),
        ("/Statement/1/NotAction/0", "5:39"),
        ("/Statement", "3:3"),
        ("/Statement/1", "5:5"),
        ("/Statement/1/Condition/a~1b~0c/x", "5:95"),
        ("/", "1:1"),
    ])
    func jsonPointer(key: String, place: String) throws {
        #expect(try Self.places(key, Self.policy, .json) == [place])
    }

    @Test("a JSON Pointer that names nothing resolves to nothing", arguments: ["/Statement/2", "/Statement/01", "/Statement/0/Action/0", "/statement"])
    func jsonNothing(key: String) throws {
        #expect(try Self.places(key, Self.policy, .json).isEmpty)
    }

    @Test("an XML path takes local names, attribute predicates, positions, attributes and text")
    func xmlPath() throws {
        let acs = "/EntityDescriptor/SPSSODescriptor/AssertionConsumerService"
        #expect(try Self.places(acs + "[@index=1]/@Location", Self.metadata, .xml) == ["5:59"])
        #expect(try Self.places(acs + "[@index=\"1\"]", Self.metadata, .xml) == ["5:5"])
        #expect(try Self.places(acs + "[2]", Self.metadata, .xml) == ["5:5"])
        #expect(try Self.places(acs + "[@Binding=post][2]", Self.metadata, .xml) == ["5:5"])
        #expect(try Self.places(acs, Self.metadata, .xml).count == 2)
        #expect(try Self.places("/EntityDescriptor/SPSSODescriptor/NameIDFormat/text()", Self.metadata, .xml) == ["6:22"])
        #expect(try Self.places("/EntityDescriptor/@entityID", Self.metadata, .xml) == ["2:70"])
        #expect(try Self.places("/EntitiesDescriptor", Self.metadata, .xml).isEmpty)
    }

    @Test("an aggregate's parts are its root's children")
    func aggregate() throws {
        #expect(try Self.places("/EntitiesDescriptor/EntityDescriptor[@entityID=https://b.example.org]/SPSSODescriptor", Self.aggregate, .xml) == ["3:54"])
        #expect(try Self.places("/EntitiesDescriptor/@validUntil", Self.aggregate, .xml) == ["1:66"])
    }

    @Test("a malformed key is refused with its reason", arguments: [
        ("Statement/0", Syntax.json), ("/a~2b", .json), ("EntityDescriptor", .xml), ("/md:EntityDescriptor", .xml),
        ("/EntityDescriptor[0]", .xml), ("/EntityDescriptor[@x]", .xml), ("/", .xml), ("/EntityDescriptor/@entityID/x", .xml), ("/a", .yaml),
    ])
    func malformed(key: String, syntax: Syntax) {
        #expect(throws: FixtureSearchKey.Malformed.self) { try FixtureSearchKey(key, syntax: syntax) }
    }

    @Test("a reported place is named back by a key that resolves to it alone", arguments: [
        ("4:35", "/Statement/0/Action"), ("3:3", "/Statement"), ("5:5", "/Statement/1"), ("5:95", "/Statement/1/Condition/a~1b~0c/x"), ("1:1", "/"),
    ])
    func namingJSON(place: String, key: String) throws {
        let parts = place.split(separator: ":").map { Int($0)! }
        #expect(FixtureSearchKey.naming(SourcePosition(line: parts[0], column: parts[1]), in: try Self.documents(Self.policy, .json)) == key)
    }

    @Test("XML elements of one name are told apart by their shortest distinct attribute")
    func namingXML() throws {
        let documents = try Self.documents(Self.metadata, .xml)
        #expect(FixtureSearchKey.naming(SourcePosition(line: 5, column: 59), in: documents)
            == "/EntityDescriptor/SPSSODescriptor/AssertionConsumerService[@index=1]/@Location")
        let parts = try Self.documents(Self.aggregate, .xml)
        #expect(FixtureSearchKey.naming(SourcePosition(line: 3, column: 54), in: parts)
            == "/EntitiesDescriptor/EntityDescriptor[@entityID=https://b.example.org]/SPSSODescriptor")
        #expect(FixtureSearchKey.naming(SourcePosition(line: 3, column: 55), in: parts) == nil)
    }
}
