import Foundation
import MCP

/// MCP's stdio framing, one JSON-RPC message per line, with a cap on how much of any
/// one line is held.
///
/// Each byte is searched for a newline once, as its chunk arrives; bytes of an
/// unfinished message are appended to it and never searched again. So the time is
/// linear in the input however messages are split across reads (the SDK's stdio
/// transport searched its whole buffer after every read, which made one large message
/// quadratic). A line longer than the cap is not buffered: its bytes are counted and
/// dropped as they arrive, up to its newline, and the line is reported as oversized.
struct MessageFramer {
    enum Event: Equatable {
        /// A whole message, newline excluded.
        case message(Data)
        /// A message longer than the cap, dropped unread: its length, and the request
        /// id found in its first bytes if there was one.
        case oversized(bytes: Int, id: ID?)
    }

    /// How many leading bytes of an oversized message are searched for its id.
    static let idSearchBytes = 64 << 10

    let limit: Int
    /// The current message so far; never longer than `limit`.
    private var pending = Data()
    /// Set while the rest of an oversized message is being dropped.
    private var dropping: (bytes: Int, id: ID?)?

    init(limit: Int) {
        precondition(limit > 0, "a message cap must allow some bytes")
        self.limit = limit
    }

    /// The messages that `chunk` completes, in order.
    mutating func consume(_ chunk: UnsafeRawBufferPointer) -> [Event] {
        guard let base = chunk.baseAddress else { return [] }
        var events: [Event] = []
        var start = 0
        while start < chunk.count {
            let newline = memchr(base + start, 0x0A, chunk.count - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
            let end = newline ?? chunk.count
            add(UnsafeRawBufferPointer(rebasing: chunk[start..<end]))
            guard newline != nil else { break }
            if let event = endLine() { events.append(event) }
            start = end + 1
        }
        return events
    }

    /// At the end of input: an oversized message still being dropped. An unfinished
    /// message without its newline is not a message (as in the SDK's transport); its
    /// size is `unterminatedBytes`.
    func endOfInput() -> Event? {
        dropping.map { .oversized(bytes: $0.bytes, id: $0.id) }
    }

    var unterminatedBytes: Int { dropping == nil ? pending.count : 0 }

    private mutating func add(_ bytes: UnsafeRawBufferPointer) {
        if dropping != nil {
            dropping!.bytes += bytes.count
        } else if pending.count + bytes.count > limit {
            // Look for the id in what has come so far, then let it all go.
            let head = Array(pending.prefix(Self.idSearchBytes)) + Array(bytes.prefix(max(0, Self.idSearchBytes - pending.count)))
            dropping = (pending.count + bytes.count, RequestIDPeek.id(in: head))
            pending = Data()
        } else if let start = bytes.baseAddress, !bytes.isEmpty {
            pending.append(start.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        }
    }

    private mutating func endLine() -> Event? {
        if let dropped = dropping {
            dropping = nil
            return .oversized(bytes: dropped.bytes, id: dropped.id)
        }
        // Blank lines carry nothing; the SDK's transport skips them too.
        guard !pending.isEmpty else { return nil }
        defer { pending = Data() }
        return .message(pending)
    }
}
