import Foundation
import Testing
@testable import IdlintReporting

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("strings escape quotes, backslashes, control characters and the JavaScript line ends")
    func escaping() {
        let text = "a\"b\\c\nd\re\tf\u{01}g\u{1F}h\u{2028}i\u{2029}j é ✓"
        #expect(JSONValue.string(text).serialized() == #""a\"b\\c\nd\re\tf\u0001g\u001fh\u2028i\u2029j é ✓""#)
        // A lone E2 byte sequence that is not U+2028 or U+2029 is left alone.
        #expect(JSONValue.string("\u{2026}").serialized() == "\"\u{2026}\"")
    }

    @Test("each escaped character is found wherever it falls in the eight-byte steps, alone or with others")
    func escapingAtEveryOffset() throws {
        // Each character that must be escaped, at every offset of a clean text longer than
        // two steps, and after a lone E2 sequence; read back, the text is the same.
        let specials = ["\"", "\\", "\n", "\u{01}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "\u{2026}", "é"]
        for special in specials {
            for offset in 0...20 {
                let text = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 20 - offset) + "\u{2026}" + special
                let written = JSONValue.string(text).serialized()
                #expect(try JSONSerialization.jsonObject(with: Data(written.utf8), options: .fragmentsAllowed) as? String == text)
                #expect(!written.utf8.contains { $0 < 0x20 } && !written.contains("\u{2028}") && !written.contains("\u{2029}"))
            }
        }
        #expect(JSONValue.string(String(repeating: "x", count: 64) + "\"").serialized() == "\"" + String(repeating: "x", count: 64) + #"\"""#)
    }

    @Test("the written text reads back as the same JSON")
    func roundTrip() throws {
        let value = JSONValue.object([
            ("name", .string("x\u{0}y")), ("count", .integer(-42)), ("large", .integer(Int.min)), ("ratio", .number(0.5)),
            ("flags", .array([.bool(true), .bool(false), .null])), ("empty", .object([])), ("none", .array([])),
            ("nested", .object([("deeper", .array([.object([("k", .string("v"))])]))])),
        ])
        for pretty in [true, false] {
            let parsed = try JSONSerialization.jsonObject(with: Data(value.serialized(pretty: pretty).utf8)) as? [String: Any]
            #expect(parsed?["name"] as? String == "x\u{0}y")
            #expect(parsed?["count"] as? Int == -42)
            #expect(parsed?["large"] as? Int == Int.min)
            #expect((parsed?["nested"] as? [String: Any])?["deeper"] as? [[String: String]] == [["k": "v"]])
        }
    }

    @Test("pretty output indents by two spaces and keeps empty containers on one line")
    func layout() {
        let value = JSONValue.object([("a", .array([.integer(1), .object([])])), ("b", .array([]))])
        #expect(value.serialized() == "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}")
        #expect(value.serialized(pretty: false) == #"{"a":[1,{}],"b":[]}"#)
    }

    @Test("a value larger than the writer's chunk reaches the stream whole and in order")
    func chunking() throws {
        let stream = ReportStream()
        var json = JSONWriter(stream, pretty: false)
        let long = String(repeating: "abcdefgh", count: 20_000)
        json.beginArray()
        for index in 0..<3_000 { json.integer(index) }
        json.string(long)
        json.string("end")
        json.endArray()
        json.finish()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(stream.text.utf8)) as? [Any])
        #expect(parsed.count == 3_002)
        #expect(parsed[2_999] as? Int == 2_999)
        #expect(parsed[3_000] as? String == long)
        #expect(parsed.last as? String == "end")
    }

    @Test("a stream to a descriptor that cannot take the bytes says why")
    func writeFailure() throws {
        let descriptor = open("/dev/full", O_WRONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let stream = ReportStream(descriptor: descriptor)
        stream.write(String(repeating: "x", count: 1 << 17))
        stream.flush()
        #expect(stream.failure != nil)
    }
}
