import Foundation
import IdlintEngine

/// The one folder an agent may ask about. Every path it names is relative to the root
/// and must stay inside it once symbolic links are resolved; anything else is refused
/// with a message that says why, before a byte is read.
public struct RootSandbox: Sendable {
    /// The root, absolute, with symbolic links resolved.
    public let root: String

    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public init(root: String) throws {
        guard let resolved = FileDiscovery.realPath(root) else { throw Refusal(description: "root \(root) does not exist") }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder), isFolder.boolValue else {
            throw Refusal(description: "root \(root) is not a folder")
        }
        self.root = resolved
    }

    /// A root-relative path checked and resolved: not absolute, no `..`, no NUL, and
    /// inside the root after symbolic links. Returns the absolute path and the relative
    /// one as reports show it.
    public func resolve(_ path: String) throws -> (absolute: String, relative: String) {
        let relative = try Self.checkedRelative(path)
        let candidate = relative.isEmpty ? root : root + "/" + relative
        guard let resolved = FileDiscovery.realPath(candidate) else { throw Refusal(description: "'\(path)' does not exist under the root") }
        guard resolved == root || resolved.hasPrefix(root + "/") else {
            throw Refusal(description: "'\(path)' leads outside the root (through a symbolic link)")
        }
        return (resolved, relative.isEmpty ? "." : relative)
    }

    /// A name for a file that need not exist (proposed contents): the same rules, without
    /// resolving links, since nothing is read through it.
    public static func checkedRelative(_ path: String) throws -> String {
        guard path.utf8.count <= 1_024 else { throw Refusal(description: "a path longer than 1,024 bytes is refused") }
        guard !path.contains("\0") else { throw Refusal(description: "a path with a NUL byte is refused") }
        guard !path.hasPrefix("/"), !path.hasPrefix("~") else { throw Refusal(description: "'\(path)' is absolute; give a path relative to the root") }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !parts.contains("..") else { throw Refusal(description: "'\(path)' contains '..'; paths must stay inside the root") }
        return parts.joined(separator: "/")
    }
}
