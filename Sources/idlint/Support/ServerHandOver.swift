import Foundation

/// Hands `idlint mcp` over to the idlint-mcp executable. It is found beside the running
/// binary, never on PATH or in the current folder, so what a repository holds cannot
/// choose the program.
enum ServerHandOver {
    static let executableName = "idlint-mcp"

    /// idlint-mcp in the folder of the running executable, symbolic links resolved (an
    /// `idlint` link in /usr/local/bin still finds the server beside the real binary).
    /// Nil when the kernel does not say where that is: `argv[0]` may be a bare name, and
    /// a bare name would resolve in the current folder.
    static func serverPath() -> String? {
        guard let running = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), running.hasPrefix("/") else {
            return nil
        }
        return URL(fileURLWithPath: running).deletingLastPathComponent().appendingPathComponent(executableName).path
    }

    /// Replaces this process with `path`, keeping its standard streams and environment.
    /// Returns only when that fails, with the reason.
    static func replaceProcess(with path: String, arguments: [String]) -> String {
        fflush(nil)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        let reason = String(cString: strerror(errno))
        for pointer in argv { free(pointer) }
        return reason
    }
}
