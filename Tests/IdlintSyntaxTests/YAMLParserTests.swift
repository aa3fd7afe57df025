import Testing
@testable import IdlintSyntax

@Suite("YAML parser")
struct YAMLParserTests {
    @Test("every document of a stream is emitted with its own positions")
    func multiDocumentPositions() throws {
        let documents = try parse("""
        kind: Role
        rules:
          - verbs: [get, list]
        ---
        kind: RoleBinding
        subjects:
          - name: builder
        """, as: .yaml)
        #expect(documents.count == 2)
        #expect(documents[0].indexInFile == 0 && documents[1].indexInFile == 1)
        let verbs = try #require(documents[0].root["rules"]?.elements.first?["verbs"])
        #expect(verbs.elements.map(\.text) == ["get", "list"])
        #expect(verbs.elements[1].start == position(3, 18))
        let name = try #require(documents[1].root["subjects"]?.elements.first?["name"])
        #expect(name.text == "builder")
        #expect(name.start == position(7, 11))
        #expect(name.span.end == position(7, 18))
    }

    @Test("every place of a stream shares one origin, and a place is 24 bytes, optional or not")
    func sharedOrigin() throws {
        let documents = try parse("kind: Role\nrules: [a]\n---\nkind: RoleBinding\n", as: .yaml)
        #expect(documents.count == 2)
        let first = documents[0].root["rules"]!.location, second = documents[1].root["kind"]!.location
        #expect(first.origin === second.origin)
        #expect(first.file == "input.yaml" && first.environment == nil)
        #expect(second.line == 4 && second.column == 7)
        #expect(documents[1].reading(in: "prod").root["kind"]!.location.environment == "prod")
        // Places compare by what their origins say, not by which object holds it.
        var moved = first
        moved.environment = "prod"
        #expect(moved != first && moved.file == first.file)
        moved.environment = nil
        #expect(moved == first && moved.hashValue == first.hashValue && moved.origin !== first.origin)
        #expect(MemoryLayout<IdlintSyntax.SourceLocation>.stride == 24)
        #expect(MemoryLayout<IdlintSyntax.SourceLocation?>.stride == 24)
    }

    @Test("tags such as !Ref are kept on the node")
    func tagsKept() throws {
        let root = try parse("Role: !GetAtt Builder.Arn\nName: !Ref Param\n", as: .yaml)[0].root
        #expect(root["Role"]?.tag == "!GetAtt")
        #expect(root["Name"]?.tag == "!Ref")
        #expect(root["Name"]?.text == "Param")
    }

    @Test("aliases resolve to the anchored node without copying")
    func aliasesShared() throws {
        let root = try parse("base: &verbs [get, list]\nother: *verbs\n", as: .yaml)[0].root
        #expect(root["other"]?.elements.map(\.text) == ["get", "list"])
        #expect(root["other"]?.start == position(1, 7))
    }

    @Test("merge keys are expanded; explicit keys win")
    func mergeKeys() throws {
        let root = try parse("""
        base: &admin {verbs: ["*"], resources: ["*"]}
        rules:
          - <<: *admin
            resources: [pods]
        """, as: .yaml)[0].root
        let rule = try #require(root["rules"]?.elements.first)
        #expect(rule["verbs"]?.elements.map(\.text) == ["*"])
        #expect(rule["resources"]?.elements.map(\.text) == ["pods"])
        #expect(rule["<<"] == nil)
    }

    @Test("duplicate keys are refused with the position of the second")
    func duplicateKeys() throws {
        let error = try #require(parseError("verbs: [get]\nresources: [pods]\nverbs: ['*']\n", as: .yaml))
        #expect(error.message.contains("duplicate key 'verbs' (first at 1:1)"))
        #expect(error.position == position(3, 1))
    }

    @Test("an alias bomb is refused with a position, quickly")
    func aliasBombRefused() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<10 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 9).joined(separator: ", "))]\n"
        }
        let error = parseError(text, as: .yaml)
        #expect(error?.reason == .aliasExpansion)
        #expect(error?.position != nil)
    }

    @Test("nesting beyond the limit is refused, not recursed into")
    func deepNestingRefused() {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = parseError(text, as: .yaml)
        #expect(error?.reason == .tooDeep)
        #expect(error?.position == position(1, 257))
    }

    @Test("malformed YAML names line and column")
    func malformedHasPosition() throws {
        let error = try #require(parseError("kind: Role\nrules:\n  - verbs: [get\n  bad: : :\n", as: .yaml))
        #expect(error.reason == .malformed)
        #expect(error.position?.line == 4)
        #expect(error.message.contains("flow sequence that starts at 3:12"), "\(error.message)")
    }

    @Test("CRLF line endings and a BOM do not shift positions")
    func crlfAndBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("kind: Role\r\nmetadata:\r\n  name: viewer\r\n".utf8)
        let root = try parseBytes(bytes, as: .yaml)[0].root
        #expect(root["metadata"]?["name"]?.start == position(3, 9))
    }

    @Test("columns count Unicode scalars, not bytes")
    func unicodeColumns() throws {
        let root = try parse("note: \"héllo wörld\"\nafter: x\nwide: \"日本\" \n", as: .yaml)[0].root
        #expect(root["after"]?.start == position(2, 8))
        #expect(root["wide"]?.span.end == position(3, 11))
    }

    @Test("a 1 MB single line keeps exact columns")
    func longLine() throws {
        let padding = String(repeating: "x", count: 1_000_000)
        let root = try parse("{a: \(padding), b: target}\n", as: .yaml)[0].root
        #expect(root["b"]?.start == position(1, 1_000_010))
    }

    @Test("plain null, booleans and empty documents")
    func scalarsAndEmpty() throws {
        let root = try parse("a: ~\nb: yes\nc: 'true'\n", as: .yaml)[0].root
        #expect(root["a"]?.isNull == true)
        #expect(root["b"]?.boolValue == true)
        #expect(root["c"]?.boolValue == nil)
        let empty = try parse("---\n...\n", as: .yaml)
        #expect(empty.count == 1 && empty[0].root.isNull)
        // Every plain spelling of null, and what only looks like one.
        let spellings = try parse("- ~\n- null\n- Null\n- NULL\n-\n- 'null'\n- \"~\"\n- nul\n- nulls\n- NUll\n- ''\n- x~\n- []\n- {}\n", as: .yaml)[0].root
        #expect(spellings.elements.map(\.isNull) == [true, true, true, true, true, false, false, false, false, false, false, false, false, false])
    }
}
