#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CGlibcExtensions

/// Runs one program to its end: its standard input fed from `input` (or /dev/null), its
/// output and errors read at once on this thread, so that no pipe filling up can stall
/// it or us. Spawned directly (posix_spawn) rather than through Foundation's `Process`,
/// which idlint does not link: loading full Foundation cost every run about 4 ms.
/// The child gets no descriptor of ours beyond the three, default signal handling
/// (idlint ignores SIGINT while it cleans up; the child must not), and is registered
/// with `ChildProcesses`, so a signal to idlint ends it.
enum SpawnedCommand {
    struct Outcome {
        /// The wait status: zero when the program exited with status zero.
        var status: Int32
        var output: [UInt8]
        var errors: [UInt8]
    }

    struct Failure: Error {
        var message: String
    }

    static func run(_ executable: String, arguments: [String], environment: [String: String], input: [UInt8]?) throws(Failure) -> Outcome {
        var outputPipe = try pipe(), errorPipe = try pipe()
        var inputPipe = try input.map { _ throws(Failure) in try pipe() }
        defer { for descriptor in [outputPipe.read, errorPipe.read, inputPipe?.write].compactMap({ $0 }) where descriptor >= 0 { close(descriptor) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let inputPipe {
            posix_spawn_file_actions_adddup2(&actions, inputPipe.read, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outputPipe.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe.write, 2)
        idlint_spawn_close_from(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signalNumber) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var child = pid_t()
        let spawned = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        // The child's ends are its own now (or nobody's): ours must close, or no read ends.
        close(outputPipe.write)
        close(errorPipe.write)
        if let read = inputPipe?.read { close(read) }
        outputPipe.write = -1
        errorPipe.write = -1
        inputPipe?.read = -1
        guard spawned == 0 else { throw Failure(message: String(cString: strerror(spawned))) }
        ChildProcesses.shared.started(child)
        defer { ChildProcesses.shared.ended(child) }

        var outcome = Outcome(status: 0, output: [], errors: [])
        exchange(input: input ?? [], to: &inputPipe, output: &outputPipe.read, errors: &errorPipe.read, into: &outcome)
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        outcome.status = status
        return outcome
    }

    private struct Pipe {
        var read: Int32
        var write: Int32
    }

    private static func pipe() throws(Failure) -> Pipe {
        var ends: [Int32] = [-1, -1]
        guard idlint_pipe_cloexec(&ends) == 0 else { throw Failure(message: String(cString: strerror(errno))) }
        return Pipe(read: ends[0], write: ends[1])
    }

    /// Writes `input` and reads both outputs until the child closes them. SIGPIPE is held
    /// back on this thread while it writes: a child that exits without reading all of its
    /// input must be an error of the child's, not the end of idlint.
    private static func exchange(input: [UInt8], to inputPipe: inout Pipe?, output: inout Int32, errors: inout Int32, into outcome: inout Outcome) {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer {
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var timeout = timespec()
                _ = sigtimedwait(&blocked, nil, &timeout)
            }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        if let write = inputPipe?.write { _ = fcntl(write, F_SETFL, fcntl(write, F_GETFL) | O_NONBLOCK) }
        var written = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while output >= 0 || errors >= 0 || inputPipe?.write ?? -1 >= 0 {
            let writing = inputPipe?.write ?? -1
            var watched = [pollfd(fd: output, events: Int16(POLLIN), revents: 0), pollfd(fd: errors, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: writing, events: Int16(POLLOUT), revents: 0)]
            guard poll(&watched, nfds_t(watched.count), -1) >= 0 || errno == EINTR else { break }
            if watched[2].revents != 0, writing >= 0 {
                let count = written == input.count ? 0 : input.withUnsafeBytes { bytes in
                    write(writing, bytes.baseAddress! + written, bytes.count - written)
                }
                if count > 0 { written += count }
                if written == input.count || (count < 0 && errno != EAGAIN && errno != EINTR) {
                    close(writing)
                    inputPipe?.write = -1
                }
            }
            for (index, descriptor) in [(0, output), (1, errors)] where descriptor >= 0 && watched[index].revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
                if count > 0 {
                    if index == 0 { outcome.output += chunk[..<count] } else { outcome.errors += chunk[..<count] }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(descriptor)
                    if index == 0 { output = -1 } else { errors = -1 }
                }
            }
        }
    }
}
