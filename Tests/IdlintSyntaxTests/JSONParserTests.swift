import Testing
@testable import IdlintSyntax

@Suite("JSON parser")
struct JSONParserTests {
    @Test("every value has its exact line and column")
    func positions() throws {
        let root = try parse("""
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Effect": "Allow", "Action": ["iam:PassRole", "s3:*"]}
          ]
        }
        """, as: .json)[0].root
        let actions = try #require(root["Statement"]?.elements.first?["Action"])
        #expect(actions.elements.map(\.text) == ["iam:PassRole", "s3:*"])
        #expect(actions.start == position(4, 35))
        #expect(actions.elements[1].start == position(4, 52))
        #expect(actions.elements[1].span.end == position(4, 58))
        #expect(root["Version"]?.start == position(2, 14))
    }

    @Test("escapes decode, surrogate pairs included, and positions after them stay right")
    func escapes() throws {
        let root = try parse(#"{"a": "tab\there \"q\" \u00e9 \ud83d\ude00 \/", "b": 1}"#, as: .json)[0].root
        #expect(root["a"]?.text == "tab\there \"q\" é 😀 /")
        #expect(root["b"]?.start == position(1, 54))
        #expect(root["b"]?.style == .plain)
    }

    @Test("strict errors carry the position of the mistake", arguments: [
        (#"{"a": 1,}"#, 1, 9),
        (#"{"a": 01}"#, 1, 8),
        ("{\"a\": \"x\ny\"}", 1, 9),
        (#"{"a" 1}"#, 1, 6),
        (#"[1, 2] 3"#, 1, 8),
        ("{\n  \"a\": tru\n}", 2, 8),
        (#"{"a": "\x"}"#, 1, 8),
        (#"{"a": "\ud800"}"#, 1, 8),
    ])
    func strictErrors(text: String, line: Int, column: Int) throws {
        let error = try #require(parseError(text, as: .json))
        #expect(error.reason == .malformed)
        #expect(error.position == position(line, column))
    }

    static func parseJSON(_ text: String, file: String) throws -> Document {
        let bytes = try SourceText.prepare(Array(text.utf8))
        var documents: [Document] = []
        try bytes.withUnsafeBufferPointer { buffer in
            try JSONParser().parse(buffer, file: file, limits: .standard) { documents.append($0) }
        }
        return try #require(documents.first)
    }

    @Test("JSONC where the file's place says so: comments are whitespace, a trailing comma is allowed, positions hold")
    func jsonWithComments() throws {
        let settings = """
        // Workspace settings
        {
          /* what the agent runs
             without asking */
          "chat.tools.terminal.autoApprove": {"npm test": true, "/.*/": true,},  // too broad
          "editor.rulers": [100, 120,],
        }
        """
        for file in [".vscode/settings.json", "app/.vscode/settings.json", "opencode.jsonc", ".gemini/settings.json"] {
            let root = try Self.parseJSON(settings, file: file).root
            let approve = try #require(root["chat.tools.terminal.autoApprove"], "\(file)")
            #expect(approve["/.*/"]?.start == position(5, 65), "\(file)")
            #expect(root["editor.rulers"]?.elements.count == 2)
        }
        // A policy or an export stays strict: the same text is an error at its first comment.
        #expect(throws: SyntaxError.self) { try Self.parseJSON(settings, file: "policies/admin.json") }
        #expect(throws: SyntaxError.self) { try Self.parseJSON("{\"a\": 1,}", file: "settings.json") }
        let unclosed = try #require(parseErrorIn("{\"a\": 1 /* open", file: ".vscode/settings.json"))
        #expect(unclosed.position == position(1, 9))
    }

    func parseErrorIn(_ text: String, file: String) -> SyntaxError? {
        do { _ = try Self.parseJSON(text, file: file); return nil } catch { return error as? SyntaxError }
    }

    @Test("JSON Lines: one value a line is one document a line, each keeping its own lines")
    func jsonLines() throws {
        let documents = try parse("""
        {"name": "//storage.googleapis.com/a", "iam_policy": {"bindings": []}}

        {"name": "//storage.googleapis.com/b",
         "iam_policy": {"bindings": [{"role": "roles/viewer", "members": ["allUsers"]}]}}
        """, as: .json)
        #expect(documents.count == 2)
        #expect(documents.map(\.indexInFile) == [0, 1])
        #expect(documents[0].root["name"]?.text == "//storage.googleapis.com/a")
        let member = try #require(documents[1].root["iam_policy"]?["bindings"]?.elements.first?["members"]?.elements.first)
        #expect(member.text == "allUsers")
        #expect(member.start == position(4, 67))
    }

    @Test("JSON held in another file's string stays one value: a second line is an error")
    func embeddedJSONIsOneValue() throws {
        let span = SourceSpan(start: position(7, 3), end: position(7, 40))
        var bytes = Array("{\"a\": 1}\n{\"b\": 2}".utf8)
        var thrown: SyntaxError?
        bytes.withUnsafeMutableBufferPointer { buffer in
            do {
                try JSONParser(embeddedAt: span).parse(UnsafeBufferPointer(buffer), file: "main.tf", limits: .standard) { _ in }
            } catch let error as SyntaxError {
                thrown = error
            } catch {}
        }
        #expect(thrown?.reason == .malformed)
    }

    @Test("nesting 100,000 deep is refused at the depth limit")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = parseError(text, as: .json)
        #expect(error?.reason == .tooDeep)
        #expect(error?.position == position(1, 257))
    }

    @Test("CRLF, BOM and long minified lines")
    func lineEndingsAndLongLines() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\r\n  \"k\": \"v\"\r\n}".utf8)
        let root = try parseBytes(bytes, as: .json)[0].root
        #expect(root["k"]?.start == position(2, 8))
        let items = (0..<50_000).map { "{\"n\":\($0)}" }.joined(separator: ",")
        let long = try parse("[\(items),\"last\"]", as: .json)[0].root
        #expect(long.elements.last?.text == "last")
        #expect(long.elements.last?.start.column == Int32(2 + items.utf8.count + 1))
    }

    @Test("duplicate keys are refused: which one counts is ambiguous")
    func duplicateKeys() throws {
        let error = try #require(parseError(#"{"verbs": ["get"], "x": 1, "verbs": ["*"]}"#, as: .json))
        #expect(error.message.contains("duplicate key 'verbs'"))
        #expect(error.position == position(1, 28))
    }
}
