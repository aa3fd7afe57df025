import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run of a program in a child process, timed on the wall clock, with its peak
/// resident memory from `wait4`. Linux carries that figure over `exec` from the parent,
/// so it is never below this benchmark's own size: a scan's `--timings` line gives the
/// scan's own peak, and is read instead where there is one.
struct ChildRun {
    var seconds: Double
    var peakResidentMegabytes: Double
    var status: Int32
    /// What the child wrote to standard error.
    var errorText: String

    enum Failure: Error, CustomStringConvertible {
        case spawn(String, Int32)
        var description: String {
            switch self {
            case .spawn(let program, let code): "cannot run \(program): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Runs `program` with `arguments`, standard output to /dev/null and standard error
    /// into a scratch file that is read back.
    static func run(_ program: String, _ arguments: [String], errorFile: String) throws -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let started = Date()
        let code = posix_spawn(&child, program, &actions, nil, argv, environ)
        guard code == 0 else { throw Failure.spawn(program, code) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(child, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Date().timeIntervalSince(started)
        let errorText = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ChildRun(seconds: seconds, peakResidentMegabytes: Double(usage.ru_maxrss) * 1024 / 1_000_000, status: exitStatus, errorText: errorText)
    }
}
