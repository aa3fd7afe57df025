import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import IdlintEngine
import IdlintReporting

/// The few file-system calls the command line needs beyond the engine's reader.
package enum FileSystem {
    /// Whether anything is at the path, a dangling symbolic link included.
    package static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    package static func isReadableFile(_ path: String) -> Bool {
        FileManager.default.isReadableFile(atPath: path)
    }

    package static func isDirectory(_ path: String) -> Bool {
        var isFolder = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder
    }

    package static var currentDirectory: String {
        FileManager.default.currentDirectoryPath
    }

    /// Writes a report or a baseline as it is rendered, only ever to the path the user
    /// named, or to standard output when there is none. A symbolic link at the path is
    /// refused rather than followed, so a planted link cannot redirect it. A file that
    /// cannot be opened or written is exit 2, naming it.
    package static func writeReport(toFile path: String?, _ render: (ReportStream) -> Void) throws {
        let descriptor: Int32
        if let path {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                printError("idlint: cannot write \(path): \(String(cString: strerror(errno)))")
                throw ExitCode(2)
            }
        } else {
            fflush(nil)  // whatever print() buffered goes first; nil flushes every stream without naming the global
            descriptor = STDOUT_FILENO
        }
        defer { if path != nil { close(descriptor) } }
        let stream = ReportStream(descriptor: descriptor)
        render(stream)
        stream.flush()
        if let failure = stream.failure {
            printError("idlint: cannot write \(path ?? "standard output"): \(failure)")
            throw ExitCode(2)
        }
    }

    /// idlint never writes to what it scans: an `--output` that names one of the inputs
    /// (the same file, by device and inode, whatever the path) is refused with exit 2.
    /// A file that already holds idlint's own output (a JSON report, SARIF log or baseline
    /// of an earlier run, known by its schema in its first 4 KiB) may be replaced.
    package static func refuseOverwritingInput(_ output: String?, paths: [String], options: DiscoveryOptions) throws {
        guard let output else { return }
        var target = stat()
        guard stat(output, &target) == 0 else { return }
        // Discovery costs as much as a tenth of a scan; it is only needed when the output
        // could be an input: a file with one link has one path, which either lies under a
        // named path or is not scanned (discovery follows no link out of a named folder).
        guard target.st_nlink > 1 || paths.contains(where: { mayHold($0, output) }) else { return }
        let inputs = FileDiscovery(options: options).discover(paths).files
        let isInput = inputs.contains { file in
            guard case .path(let path) = file.source else { return false }
            var status = stat()
            return stat(path, &status) == 0 && status.st_dev == target.st_dev && status.st_ino == target.st_ino
        }
        guard isInput else { return }
        let head = (try? FileReader.read(path: output, maxBytes: options.maxFileBytes).prefix(4096)) ?? []
        let text = String(decoding: head, as: UTF8.self)
        // idlint's own JSON reports and baselines name their schema; SARIF names the tool.
        if text.contains("\"schema\": \"idlint-") || (text.contains("sarif") && text.contains("\"name\": \"idlint\"")) { return }
        printError("idlint: --output \(output) is one of the scanned files; idlint never writes to what it scans (write elsewhere, or exclude it)")
        throw ExitCode(2)
    }

    /// Whether `file` is the named input `path` or lies under it, both resolved through
    /// their symbolic links; a path that cannot be resolved may hold anything.
    private static func mayHold(_ path: String, _ file: String) -> Bool {
        guard path != "-" else { return false }
        guard let inputPath = FileDiscovery.realPath(path), let outputPath = FileDiscovery.realPath(file) else { return true }
        return outputPath == inputPath || outputPath.hasPrefix(inputPath == "/" ? "/" : inputPath + "/")
    }

    /// A path that does not exist is a usage error (exit 2), not an unreadable input.
    package static func refuseMissingPaths(_ paths: [String]) throws {
        for path in paths where path != "-" && !FileManager.default.fileExists(atPath: path) {
            printError("idlint: \(path): no such file or folder")
            throw ExitCode(2)
        }
    }

    package static func standardOutputIsTerminal() -> Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// Standard error is an edge where text leaves idlint: through the one redactor.
    package static func printError(_ text: String) {
        writeStandardError(Redaction.scrub(text) + "\n")
    }

    /// Writes to standard error as it is: for messages that hold no scanned value
    /// (argument-parser's usage errors, timings). Everything else goes through `printError`.
    package static func writeStandardError(_ text: String) {
        let stream = ReportStream(descriptor: STDERR_FILENO)
        stream.write(text)
        stream.flush()
    }
}
