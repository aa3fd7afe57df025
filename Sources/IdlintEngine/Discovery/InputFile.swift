/// A file to scan. `displayPath` is what reports show: the path as discovery reached it
/// (without a leading `./`), relative to the revision or folder for the change gate,
/// `<stdin>` for standard input.
public struct InputFile: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        case path(String)
        case standardInput
        /// Content supplied in memory (tests, agents); never read from disk.
        case content([UInt8])
        /// Could not be read before the scan (standard input); the reason becomes its error.
        case unreadable(String)
    }

    public var displayPath: String
    public var source: Source

    public init(displayPath: String, source: Source) {
        self.displayPath = displayPath
        self.source = source
    }
}

extension InputFile {
    /// The file's bytes, read-only and capped. Standard input is read by the scan once,
    /// up front, and reaches here as content.
    public func read(maxBytes: Int) throws -> [UInt8] {
        switch source {
        case .path(let path): try FileReader.read(path: path, maxBytes: maxBytes)
        case .content(let bytes): bytes
        case .standardInput: []
        case .unreadable(let reason): throw FileReader.ReadError(message: reason)
        }
    }
}
