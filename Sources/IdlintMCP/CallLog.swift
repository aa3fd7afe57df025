import Foundation
import IdlintEngine

/// One line per tool call, to standard error or a file: the tool, the shape of its
/// arguments (paths and names, sizes of contents, never the contents), the outcome and
/// the time it took, so that reviewers can reconstruct what an agent asked.
public final class CallLog: Sendable {
    private let handle: Locked<FileHandle>

    public init(handle: FileHandle = .standardError) {
        self.handle = Locked(handle)
    }

    /// Appends to `path`, creating it.
    public convenience init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else { throw RootSandbox.Refusal(description: "cannot create the log \(path)") }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw RootSandbox.Refusal(description: "cannot open the log \(path)") }
        handle.seekToEndOfFile()
        self.init(handle: handle)
    }

    /// A message refused unread because it was longer than `limit`: which tool it
    /// called is not known, only its size and the id it gave (when it gave one early).
    func recordOversized(bytes: Int, limit: Int, id: String?) {
        record(tool: "(unread)", arguments: ["bytes": String(bytes), "id": id ?? "null"],
               outcome: "refused: request too large (\(bytes) bytes; at most \(limit) are accepted per message)", milliseconds: nil)
    }

    func record(tool: String, arguments: [String: String], outcome: String, milliseconds: Int?) {
        // The log leaves idlint like any answer: through the one redactor.
        var entry: [String: String] = arguments.mapValues(Redaction.scrub)
        entry["tool"] = Redaction.scrub(tool)
        entry["outcome"] = Redaction.scrub(outcome)
        entry["ms"] = milliseconds.map(String.init)
        entry["time"] = ISO8601DateFormatter().string(from: Date())
        let data = (try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        handle.withLock { handle in
            handle.write(data)
            handle.write(Data("\n".utf8))
        }
    }
}
