#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MCP
import Testing

/// A server's standard input and output as two real pipes: the test writes requests
/// into one and reads the server's lines from the other, as a client process would.
/// Lines are read on a thread of their own, so a test never blocks the cooperative
/// pool on a read, and they arrive on `lines` in order.
final class StdioPipes: Sendable {
    /// The ends the transport is given.
    let serverInput: Int32
    let serverOutput: Int32
    /// The ends the test holds.
    let clientInput: Int32
    let clientOutput: Int32
    let lines: AsyncStream<Data>

    init() throws {
        var input: [Int32] = [-1, -1]
        var output: [Int32] = [-1, -1]
        guard pipe(&input) == 0, pipe(&output) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        (serverInput, clientInput) = (input[0], input[1])
        (clientOutput, serverOutput) = (output[0], output[1])
        let (lines, continuation) = AsyncStream.makeStream(of: Data.self)
        self.lines = lines
        let descriptor = clientOutput
        Thread {
            var pending = Data()
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                pending.append(contentsOf: chunk[..<count])
                while let newline = pending.firstIndex(of: 0x0A) {
                    continuation.yield(Data(pending[pending.startIndex..<newline]))
                    pending = Data(pending[(newline + 1)...])
                }
            }
            continuation.finish()
        }.start()
    }

    /// Writes `data` whole, blocking until the pipe has taken it.
    func send(_ data: Data) {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(clientInput, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 { offset += written } else if errno != EINTR { return }
            }
        }
    }

    func send(_ text: String) {
        send(Data(text.utf8))
    }

    /// Writes on a thread of its own: for more than a pipe holds, which the server
    /// drains while the test goes on to read.
    func sendInBackground(_ data: Data) {
        Thread { self.send(data) }.start()
    }

    /// Ends the server's input, as a client that exits does.
    func closeClientInput() {
        close(clientInput)
    }

    /// Closes every end but the client's input (closed by `closeClientInput`), writers
    /// before readers so that no write meets a closed pipe.
    func closeRest() {
        closeServerEnds()
        closeClientOutput()
    }

    /// Closes the ends the server was given: the lines it wrote can still be read, then
    /// `lines` ends.
    func closeServerEnds() {
        close(serverOutput)
        close(serverInput)
    }

    func closeClientOutput() {
        close(clientOutput)
    }
}

/// A JSON-RPC line read back as a value.
func jsonObject(_ line: Data) throws -> [String: Value] {
    try #require(try JSONDecoder().decode(Value.self, from: line).objectValue)
}

/// The server's answers by request id, in whatever order they come: requests run
/// concurrently in the SDK, so a quick call may be answered before a slow one sent
/// earlier, and an answer read while looking for another is kept, not lost.
struct Answers {
    private var lines: AsyncStream<Data>.Iterator
    private var early: [Value: [String: Value]] = [:]

    init(_ pipes: StdioPipes) {
        lines = pipes.lines.makeAsyncIterator()
    }

    /// The answer to request `id` (`nil` for the null id); lines that answer nothing
    /// (requests and notifications from the server) are skipped.
    mutating func to(_ id: Int?) async throws -> [String: Value] {
        let key = id.map(Value.int) ?? .null
        if let kept = early.removeValue(forKey: key) { return kept }
        while let line = await lines.next() {
            let object = try jsonObject(line)
            guard object["result"] != nil || object["error"] != nil else { continue }
            if object["id"] == key { return object }
            early[object["id"] ?? .null] = object
        }
        throw NoAnswer(id: id)
    }
}

struct NoAnswer: Error, CustomStringConvertible {
    var id: Int?
    var description: String { "the output ended with no answer to request \(id.map(String.init) ?? "null")" }
}
