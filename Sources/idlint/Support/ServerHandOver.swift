import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import IdlintCommandLine
import IdlintEngine

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

    /// Replaces this process with `path`, keeping its standard streams and environment,
    /// with this idlint's version named for the server to check (`MCPHandOver`). Returns
    /// only when that fails, with the reason.
    static func replaceProcess(with path: String, arguments: [String]) -> String {
        fflush(nil)
        setenv(MCPHandOver.versionVariable, IdlintVersion.current, 1)
        // idlint ignores these signals and takes them on a queue of its own; ignored and
        // blocked signals would stay so in the server, and Ctrl-C would not stop it.
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_DFL)
            sigaddset(&signals, number)
        }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        let reason = String(cString: strerror(errno))
        for pointer in argv { free(pointer) }
        return reason
    }
}
