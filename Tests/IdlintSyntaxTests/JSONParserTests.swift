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
