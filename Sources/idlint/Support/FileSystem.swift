import Foundation

/// The few file-system calls the command line needs beyond the engine's reader.
enum FileSystem {
    static func isReadableFile(_ path: String) -> Bool {
        FileManager.default.isReadableFile(atPath: path)
    }

    static var currentDirectory: String {
        FileManager.default.currentDirectoryPath
    }

    /// Writes a report. Only ever called with the user's --output path, never an input.
    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func standardOutputIsTerminal() -> Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
