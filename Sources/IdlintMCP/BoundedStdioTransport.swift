#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import IdlintEngine
import Logging
import MCP

/// MCP's stdio transport (one JSON-RPC message per line on standard input, answers
/// one per line on standard output), with the contract of the SDK's `StdioTransport`
/// but fail-closed on size: reading is linear in the input, and no message longer than
/// `maxMessageBytes` is ever held. Such a message is dropped as it streams in, up to
/// its newline, answered with JSON-RPC error -32600 under its own id where its first
/// bytes name one (null otherwise), and reported to `onOversized`; the messages after
/// it are served as usual.
///
/// Input is read on a thread of its own, blocked in `poll` rather than spinning on a
/// non-blocking descriptor as the SDK's transport does, so that the cooperative thread
/// pool (two threads on a two-core runner) is never held by a read, and so that the
/// descriptor's flags, shared with whoever else holds standard input, stay as they were.
public actor BoundedStdioTransport: Transport {
    public nonisolated let logger: Logger

    private let input: Int32
    private let writer: LineWriter
    private let maxMessageBytes: Int
    private let onOversized: @Sendable (_ bytes: Int, _ id: ID?) -> Void
    private let messages: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation
    private var isConnected = false
    /// Requests delivered and not yet answered: the end of input waits for them. New
    /// with each connection, since a disconnect abandons the wait for good.
    private var pending = PendingRequests()
    /// The write end of a pipe the reader thread polls beside the input: closing it is
    /// how `disconnect` wakes the reader to stop.
    private var wakeDescriptor: Int32 = -1

    public init(
        input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, maxMessageBytes: Int, logger: Logger? = nil,
        onOversized: @escaping @Sendable (_ bytes: Int, _ id: ID?) -> Void = { _, _ in }
    ) {
        self.input = input
        self.writer = LineWriter(descriptor: output)
        self.maxMessageBytes = maxMessageBytes
        self.onOversized = onOversized
        self.logger = logger ?? Logger(label: "idlint.mcp.stdio", factory: { _ in SwiftLogNoOpLogHandler() })
        (messages, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
    }

    /// Starts reading. Calling it again while connected does nothing.
    public func connect() async throws {
        guard !isConnected else { return }
        var wake: [Int32] = [-1, -1]
        guard pipe(&wake) == 0 else { throw MCPError.transportError(Self.lastError()) }
        // Close-on-exec: git runs as a child, and must not hold the pipe open.
        for end in wake { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        wakeDescriptor = wake[1]
        isConnected = true
        pending = PendingRequests()
        let reader = Reader(input: input, wake: wake[0], framer: MessageFramer(limit: maxMessageBytes), continuation: continuation,
                            writer: writer, pending: pending, onOversized: onOversized, logger: logger)
        let thread = Thread { reader.run() }
        thread.name = "idlint-mcp-stdin"
        thread.start()
        logger.debug("Transport connected", metadata: ["maxMessageBytes": "\(maxMessageBytes)"])
    }

    /// Stops reading and ends the stream of messages. The descriptors stay open:
    /// they were handed in, and are the caller's to close.
    public func disconnect() async {
        guard isConnected else { return }
        isConnected = false
        close(wakeDescriptor)
        wakeDescriptor = -1
        pending.abandon()
        continuation.finish()
        logger.debug("Transport disconnected")
    }

    /// Writes `data` (one JSON-RPC message or batch, without a newline) as one line.
    public func send(_ data: Data) async throws {
        guard isConnected else { throw MCPError.transportError(POSIXError(.ENOTCONN)) }
        do {
            try writer.writeLine(data)
        } catch {
            // Nothing more can be answered: the end of input is not to wait for it.
            pending.abandon()
            throw error
        }
        pending.sent(data)
    }

    /// The messages received, each a complete line without its newline. The stream
    /// ends on `disconnect`, or at the end of input once every request delivered has
    /// been answered (`answerLimit` at most).
    public func receive() -> AsyncThrowingStream<Data, Swift.Error> {
        messages
    }

    /// How long the end of input waits for answers still being worked out: longer than
    /// any bounded call takes, short enough that a request the server never answers
    /// does not keep the process alive.
    static let answerLimit: TimeInterval = 600

    static func lastError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}

extension BoundedStdioTransport {
    /// The loop on the reader thread: poll, read a chunk, hand whole lines on.
    private struct Reader: Sendable {
        static let chunkBytes = 64 << 10

        let input: Int32
        let wake: Int32
        var framer: MessageFramer
        let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation
        let writer: LineWriter
        let pending: PendingRequests
        let onOversized: @Sendable (Int, ID?) -> Void
        let logger: Logger

        func run() {
            var reader = self
            reader.loop()
        }

        private mutating func loop() {
            let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkBytes, alignment: 1)
            defer {
                chunk.deallocate()
                close(wake)
            }
            var watched = [pollfd(fd: input, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            while true {
                watched[0].revents = 0
                watched[1].revents = 0
                guard poll(&watched, 2, -1) >= 0 else {
                    if errno == EINTR { continue }
                    return fail()
                }
                // Disconnected: nothing more is delivered, whatever is still unread.
                if watched[1].revents != 0 { return }
                let count = read(input, chunk.baseAddress, chunk.count)
                if count < 0 {
                    // Someone else may have made the descriptor non-blocking; poll again.
                    if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
                    return fail()
                }
                if count == 0 { return endOfInput() }
                for event in framer.consume(UnsafeRawBufferPointer(rebasing: chunk[..<count])) {
                    deliver(event)
                }
            }
        }

        private func deliver(_ event: MessageFramer.Event) {
            switch event {
            case .message(let data):
                // Known as waiting before the server can answer it.
                pending.received(data)
                continuation.yield(data)
            case .oversized(let bytes, let id):
                logger.warning("Message over the size limit dropped", metadata: ["bytes": "\(bytes)", "limit": "\(framer.limit)"])
                onOversized(bytes, id)
                do {
                    try writer.writeLine(JSONEncoder().encode(Refusal(id: id, bytes: bytes, limit: framer.limit)))
                } catch {
                    logger.error("Could not answer an oversized message", metadata: ["error": "\(error)"])
                }
            }
        }

        private func endOfInput() {
            if let event = framer.endOfInput() { deliver(event) }
            if framer.unterminatedBytes > 0 {
                logger.warning("Input ended inside a message; it was not delivered", metadata: ["bytes": "\(framer.unterminatedBytes)"])
            }
            logger.debug("End of input")
            let unanswered = pending.waitForAnswers(limit: BoundedStdioTransport.answerLimit)
            if unanswered > 0 {
                logger.warning("Input ended; requests were left unanswered", metadata: ["requests": "\(unanswered)"])
            }
            continuation.finish()
        }

        private func fail() {
            let error = BoundedStdioTransport.lastError()
            logger.error("Read error", metadata: ["error": "\(error)"])
            continuation.finish(throwing: MCPError.transportError(error))
        }
    }

    /// The answer to a message over the limit: JSON-RPC "Invalid Request", with the id
    /// written even when it is null, as JSON-RPC requires of error responses.
    struct Refusal: Encodable {
        var id: ID?
        var bytes: Int
        var limit: Int

        private enum Keys: String, CodingKey { case jsonrpc, id, error, code, message }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("2.0", forKey: .jsonrpc)
            if let id { try container.encode(id, forKey: .id) } else { try container.encodeNil(forKey: .id) }
            var error = container.nestedContainer(keyedBy: Keys.self, forKey: .error)
            try error.encode(MCPError.invalidRequest(nil).code, forKey: .code)
            try error.encode("request too large: \(bytes) bytes; at most \(limit) are accepted per message", forKey: .message)
        }
    }

    /// Whole lines to one descriptor, one writer at a time: answers come from the
    /// actor and refusals from the reader thread, and a line longer than the pipe's
    /// buffer is written in parts that must not interleave with another's.
    final class LineWriter: Sendable {
        private let descriptor: Locked<Int32>

        init(descriptor: Int32) {
            self.descriptor = Locked(descriptor)
        }

        /// Writes `message` and a newline, blocking until the descriptor has taken them.
        func writeLine(_ message: Data) throws {
            var line = message
            line.append(0x0A)
            try descriptor.withLock { descriptor in
                try line.withUnsafeBytes { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                        if written >= 0 {
                            offset += written
                        } else if errno == EAGAIN || errno == EWOULDBLOCK {
                            // A non-blocking descriptor (not made so here): wait until it drains.
                            var watched = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                            _ = poll(&watched, 1, -1)
                        } else if errno != EINTR {
                            throw MCPError.transportError(BoundedStdioTransport.lastError())
                        }
                    }
                }
            }
        }
    }
}
