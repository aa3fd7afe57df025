import Foundation
@testable import IdlintMCP
import MCP
import Testing

/// The stdio framing on its own: whole lines out whatever the reads, a cap on what is
/// held, and the id of a refused request found without parsing it.
@Suite("MCP stdio framing")
struct MessageFramerTests {
    static func feed(_ framer: inout MessageFramer, _ text: String) -> [MessageFramer.Event] {
        Array(text.utf8).withUnsafeBytes { framer.consume($0) }
    }

    static func messages(_ events: [MessageFramer.Event]) -> [String] {
        events.compactMap { if case .message(let data) = $0 { String(decoding: data, as: UTF8.self) } else { nil } }
    }

    @Test("a message split across reads, down to single bytes, comes out whole")
    func splitAcrossReads() {
        let text = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"# + "\n" + #"{"id":2}"# + "\n"
        for size in [1, 2, 7, 40, text.utf8.count] {
            var framer = MessageFramer(limit: 1_000)
            let bytes = Array(text.utf8)
            let events = stride(from: 0, to: bytes.count, by: size).flatMap { start in
                bytes[start..<min(start + size, bytes.count)].withUnsafeBytes { framer.consume($0) }
            }
            #expect(Self.messages(events) == [#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#, #"{"id":2}"#], "reads of \(size) bytes")
        }
    }

    @Test("several messages in one read come out in order; blank lines are skipped")
    func severalInOneRead() {
        var framer = MessageFramer(limit: 1_000)
        let events = Self.feed(&framer, "{\"a\":1}\n\n{\"b\":2}\r\n{\"c\":3}\n{\"d\":")
        #expect(Self.messages(events) == ["{\"a\":1}", "{\"b\":2}\r", "{\"c\":3}"])
        #expect(framer.unterminatedBytes == 5)
        #expect(framer.endOfInput() == nil, "an unterminated message is not delivered")
    }

    @Test("a message of exactly the cap passes; one byte more is dropped up to its newline, and the next passes")
    func cap() {
        var framer = MessageFramer(limit: 10)
        #expect(Self.messages(Self.feed(&framer, "0123456789\n")) == ["0123456789"])
        let events = Self.feed(&framer, "0123456789A") + Self.feed(&framer, "BCD\n{\"ok\":1}\n")
        #expect(events == [.oversized(bytes: 14, id: nil), .message(Data("{\"ok\":1}".utf8))])
    }

    @Test("an oversized message is reported at the end of input even without its newline")
    func oversizedAtEnd() {
        var framer = MessageFramer(limit: 4)
        #expect(Self.feed(&framer, "{\"id\":7,\"x\":1}").isEmpty)
        #expect(framer.endOfInput() == .oversized(bytes: 14, id: .number(7)))
        #expect(framer.unterminatedBytes == 0)
    }

    @Test("an oversized request is refused under the id its first bytes give", arguments: [
        (#"{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"#, ID.number(42)),
        (#"{ "id" : "abc-1" , "params": {"#, ID.string("abc-1")),
        (#"{"method":"x","params":{"id":9,"s":"}{\"id\":8"},"id":"outer","more":"#, ID.string("outer")),
        (#"{"params":["id",{"id":1}],"id":-3,"#, ID.number(-3)),
    ] as [(String, ID)])
    func idFound(head: String, id: ID) {
        #expect(RequestIDPeek.id(in: Array(head.utf8)) == id)
        var framer = MessageFramer(limit: head.utf8.count)
        #expect(Self.feed(&framer, head + "xxxx\n") == [.oversized(bytes: head.utf8.count + 4, id: id)])
    }

    @Test("no id is made up: past the head, nested only, null, cut short or not an object", arguments: [
        #"{"method":"tools/call","params":{"id":5,"name":"scan"}"#,
        #"{"id":null,"method":"x"}"#,
        #"{"id":12"#,
        #"{"id":"unterminated"#,
        #"{"id":1.5,"method":"x"}"#,
        #"["id",1]"#,
        #"{"method":"x\"id\":3"}"#,
    ])
    func noID(head: String) {
        #expect(RequestIDPeek.id(in: Array(head.utf8)) == nil)
    }

    @Test("the id is searched for in the first bytes only, however large the message")
    func idPastTheSearchedHead() {
        let head = #"{"params":{"text":""# + String(repeating: "a", count: MessageFramer.idSearchBytes) + #""},"id":1}"#
        var framer = MessageFramer(limit: 100)
        #expect(Self.feed(&framer, head + "\n") == [.oversized(bytes: head.utf8.count, id: nil)])
    }
}
