import Foundation

/// The few file-system calls the command line needs beyond the engine's reader.
enum FileSystem {
    static func isReadableFile(_ path: String) -> Bool {
        FileManager.default.isReadableFile(atPath: path)
    }

    static var currentDirectory: String {
        FileManager.default.currentDirectoryPath
    }

    struct WriteError: Error, LocalizedError {
        var errorDescription: String?
    }

    /// Writes a report or a baseline, only ever to the path the user named. A symbolic
    /// link there is refused rather than followed, so a planted link cannot redirect it.
    static func write(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw WriteError(errorDescription: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(errorDescription: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    static func standardOutputIsTerminal() -> Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
