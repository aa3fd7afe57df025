#if canImport(Glibc)
import Glibc
#endif

/// Where a report's bytes go as they are rendered: into a buffer that is handed to a
/// file descriptor whenever it fills, or kept whole in memory for callers that want the
/// text (tests, the MCP server). No report is ever held as a tree or a `String` first.
///
/// A class, because every writer of one report shares the same buffer and descriptor.
public final class ReportStream {
    private var buffer: [UInt8] = []
    private let descriptor: Int32?
    private static let flushThreshold = 1 << 16
    /// The first write error (as errno text); later writes are dropped.
    public private(set) var failure: String?

    /// A stream to an open descriptor, which the caller owns and closes.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    /// A stream kept in memory; `text` holds what was written.
    public init() {
        descriptor = nil
    }

    public var text: String { String(decoding: buffer, as: UTF8.self) }

    /// What a stream kept in memory holds, as bytes: a part of a report rendered apart.
    var bytes: [UInt8] { buffer }

    /// The text that `write` puts in a stream: for callers that want a report as a String.
    public static func text(of write: (ReportStream) -> Void) -> String {
        let stream = ReportStream()
        write(stream)
        return stream.text
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        flushIfFull()
    }

    public func write(_ text: StaticString) {
        text.withUTF8Buffer { buffer.append(contentsOf: $0) }
        flushIfFull()
    }

    public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        // A large piece (a batch of results) goes out as it is, not through the buffer.
        if descriptor != nil, bytes.count >= Self.flushThreshold {
            flush()
            writeOut(UnsafeRawBufferPointer(bytes))
            return
        }
        buffer.append(contentsOf: bytes)
        flushIfFull()
    }

    /// Hands what is buffered to the descriptor (a memory stream keeps it).
    public func flush() {
        guard descriptor != nil, !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        buffer.withUnsafeBytes { writeOut($0) }
    }

    private func writeOut(_ bytes: UnsafeRawBufferPointer) {
        guard let descriptor, failure == nil, !bytes.isEmpty else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            offset += written
        }
    }

    private func flushIfFull() {
        if descriptor != nil, buffer.count >= Self.flushThreshold { flush() }
    }
}
