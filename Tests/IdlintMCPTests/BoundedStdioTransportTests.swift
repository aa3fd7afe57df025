import Foundation
@testable import IdlintMCP
import IdlintEngine
import MCP
import Testing

/// idlint's stdio transport on real pipes: what arrives is whole and in order, a
/// message over the cap is refused as it streams past without stalling the ones after
/// it, answers go out one per line, and the stream ends at disconnect, or at end of
/// input once the requests it delivered are answered.
@Suite("MCP bounded stdio transport")
struct BoundedStdioTransportTests {
    /// A connected transport on fresh pipes, and what it reported as oversized.
    static func connect(limit: Int = 4 << 20) async throws -> (BoundedStdioTransport, StdioPipes, Locked<[Int]>) {
        let pipes = try StdioPipes()
        let oversized = Locked<[Int]>([])
        let transport = BoundedStdioTransport(input: pipes.serverInput, output: pipes.serverOutput, maxMessageBytes: limit) { bytes, _ in
            oversized.withLock { $0.append(bytes) }
        }
        try await transport.connect()
        return (transport, pipes, oversized)
    }

    static func text(_ data: Data?) -> String? {
        data.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("messages split across writes and several in one write arrive whole and in order")
    func framing() async throws {
        let (transport, pipes, _) = try await Self.connect()
        defer { pipes.closeRest() }
        var received = await transport.receive().makeAsyncIterator()
        pipes.send(#"{"id":1,"method":"a"#)
        // A pause, so that the reader takes the first part on its own.
        try await Task.sleep(for: .milliseconds(50))
        pipes.send("\"}\n{\"id\":2}\n{\"id\":3}\n\n{\"id\"")
        try await Task.sleep(for: .milliseconds(50))
        pipes.send(":4}\n")
        var texts: [String?] = []
        for _ in 0..<4 { texts.append(Self.text(try await received.next())) }
        #expect(texts == [#"{"id":1,"method":"a"}"#, #"{"id":2}"#, #"{"id":3}"#, #"{"id":4}"#])
        // The one request among them is answered: the stream may end with the input.
        try await transport.send(Data(#"{"id":1,"jsonrpc":"2.0","result":{}}"#.utf8))
        pipes.closeClientInput()
        #expect(try await received.next() == nil, "the stream ends with the input")
    }

    @Test("an 8 MB message is refused as it streams past, and the message after it is served", .timeLimit(.minutes(1)))
    func oversized() async throws {
        let (transport, pipes, oversized) = try await Self.connect()
        defer { pipes.closeRest() }
        var received = await transport.receive().makeAsyncIterator()
        var answers = Answers(pipes)
        let head = #"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"scan","arguments":{"files":[{"name":"a.yaml","content":""#
        let big = head + String(repeating: "a", count: 8 << 20) + "\"}]}}}\n"
        let started = ContinuousClock.now
        pipes.sendInBackground(Data((big + #"{"jsonrpc":"2.0","id":8,"method":"ping"}"# + "\n").utf8))

        #expect(Self.text(try await received.next()) == #"{"jsonrpc":"2.0","id":8,"method":"ping"}"#)
        let refusal = try await answers.to(7)
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < .seconds(10), "refusing 8 MB took \(elapsed)")
        #expect(refusal["error"]?.objectValue?["code"] == .int(-32600))
        #expect(refusal["error"]?.objectValue?["message"]?.stringValue?.hasPrefix("request too large") == true)
        #expect(oversized.withLock { $0 } == [big.utf8.count - 1])
        try await transport.send(Data(#"{"id":8,"jsonrpc":"2.0","result":{}}"#.utf8))
        pipes.closeClientInput()
        #expect(try await received.next() == nil)
    }

    @Test("at the end of input the stream stays open until the requests delivered are answered", .timeLimit(.minutes(1)))
    func endOfInputWaitsForAnswers() async throws {
        let (transport, pipes, _) = try await Self.connect()
        defer { pipes.closeRest() }
        let received = await transport.receive()
        let ended = Locked(false)
        let reading = Task {
            for try await _ in received {}
            ended.withLock { $0 = true }
        }
        pipes.send(#"{"jsonrpc":"2.0","id":"slow","method":"tools/call"}"# + "\n" + #"{"jsonrpc":"2.0","method":"notifications/initialized"}"# + "\n")
        pipes.closeClientInput()
        try await Task.sleep(for: .milliseconds(200))
        #expect(ended.withLock { $0 } == false, "the stream ended before the request was answered")
        try await transport.send(Data(#"{"id":"slow","jsonrpc":"2.0","result":{}}"#.utf8))
        try await reading.value
        #expect(ended.withLock { $0 })
    }

    @Test("a refusal whose id cannot be found says null, as JSON-RPC asks")
    func oversizedWithoutID() async throws {
        let (transport, pipes, _) = try await Self.connect(limit: 64)
        defer { pipes.closeRest() }
        var lines = pipes.lines.makeAsyncIterator()
        pipes.send(#"{"jsonrpc":"2.0","method":"tools/call","params":{"arguments":""# + String(repeating: "b", count: 100) + "\"}}\n")
        let line = try #require(await lines.next())
        let refusal = try jsonObject(line)
        #expect(refusal.keys.sorted() == ["error", "id", "jsonrpc"])
        #expect(refusal["id"] == .null)
        #expect(refusal["error"]?.objectValue?["code"] == .int(-32600))
        await transport.disconnect()
        pipes.closeClientInput()
    }

    @Test("send writes each message as one line; after disconnect, nothing more is received or sent")
    func sendAndDisconnect() async throws {
        let (transport, pipes, _) = try await Self.connect()
        defer {
            pipes.closeClientInput()
            pipes.closeRest()
        }
        var lines = pipes.lines.makeAsyncIterator()
        let large = Data(("{\"text\":\"" + String(repeating: "c", count: 300_000) + "\"}").utf8)
        try await transport.send(Data(#"{"id":1}"#.utf8))
        try await transport.send(large)
        #expect(Self.text(await lines.next()) == #"{"id":1}"#)
        #expect(await lines.next() == large)

        var received = await transport.receive().makeAsyncIterator()
        await transport.disconnect()
        // The input is still open: the stream ends because of the disconnect alone.
        #expect(try await received.next() == nil)
        do {
            try await transport.send(Data("{}".utf8))
            Issue.record("a send after disconnect succeeded")
        } catch {
            #expect(error is MCPError)
        }
    }
}
