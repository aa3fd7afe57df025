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
/// which idlint does not link: loading full Foundation cost every run about 5 ms.
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
        let held = HeldDescriptors()
        let output = try held.pipe(), errors = try held.pipe()
        let inputEnds = try input.map { _ throws(Failure) in try held.pipe() }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let inputEnds {
            posix_spawn_file_actions_adddup2(&actions, inputEnds.read, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errors.write, 2)
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
        held.release(output.write)
        held.release(errors.write)
        if let inputEnds { held.release(inputEnds.read) }
        guard spawned == 0 else { throw Failure(message: String(cString: strerror(spawned))) }
        ChildProcesses.shared.started(child)
        defer { ChildProcesses.shared.ended(child) }

        var outcome = Outcome(status: 0, output: [], errors: [])
        var unread: Failure?
        do {
            try exchange(input: input ?? [], to: inputEnds?.write, output: output.read, errors: errors.read, held: held, into: &outcome)
        } catch {
            unread = error
        }
        // Whatever the exchange left open closes before the wait: a child still writing
        // then meets a closed pipe and ends, rather than wait for a reader forever.
        held.releaseAll()
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        // Output cut short is never a result, whatever the child's status says.
        if let unread { throw unread }
        outcome.status = status
        return outcome
    }

    private struct Pipe {
        let read: Int32
        let write: Int32
    }

    /// The pipe ends a run holds: each is closed once, and none outlives the run, whichever
    /// way it ends (a pipe that cannot be made after another was, a failed spawn).
    private final class HeldDescriptors {
        private var open: Set<Int32> = []

        func pipe() throws(Failure) -> Pipe {
            var ends: [Int32] = [-1, -1]
            guard idlint_pipe_cloexec(&ends) == 0 else { throw Failure(message: String(cString: strerror(errno))) }
            open.formUnion(ends)
            return Pipe(read: ends[0], write: ends[1])
        }

        func isOpen(_ descriptor: Int32) -> Bool { open.contains(descriptor) }

        func release(_ descriptor: Int32) {
            if open.remove(descriptor) != nil { close(descriptor) }
        }

        func releaseAll() {
            for descriptor in open { close(descriptor) }
            open = []
        }

        deinit { releaseAll() }
    }

    /// Writes `input` and reads both outputs until the child closes them. SIGPIPE is held
    /// back on this thread while it writes: a child that exits without reading all of its
    /// input must be an error of the child's, not the end of idlint. An output that cannot
    /// be read to its end is a failure: what was read of it must not pass for all of it.
    private static func exchange(input: [UInt8], to writing: Int32?, output: Int32, errors: Int32, held: HeldDescriptors,
                                 into outcome: inout Outcome) throws(Failure) {
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
        let writing = writing ?? -1
        if writing >= 0 { _ = fcntl(writing, F_SETFL, fcntl(writing, F_GETFL) | O_NONBLOCK) }
        var written = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        // A descriptor no longer held is left out of the poll (a negative one is ignored).
        func watched(_ descriptor: Int32) -> Int32 { held.isOpen(descriptor) ? descriptor : -1 }
        while held.isOpen(output) || held.isOpen(errors) || held.isOpen(writing) {
            var polled = [pollfd(fd: watched(output), events: Int16(POLLIN), revents: 0), pollfd(fd: watched(errors), events: Int16(POLLIN), revents: 0),
                          pollfd(fd: watched(writing), events: Int16(POLLOUT), revents: 0)]
            guard poll(&polled, nfds_t(polled.count), -1) >= 0 || errno == EINTR else {
                throw Failure(message: "waiting for its output: \(String(cString: strerror(errno)))")
            }
            if polled[2].revents != 0, held.isOpen(writing) {
                let count = written == input.count ? 0 : input.withUnsafeBytes { bytes in
                    write(writing, bytes.baseAddress! + written, bytes.count - written)
                }
                if count > 0 { written += count }
                if written == input.count || (count < 0 && errno != EAGAIN && errno != EINTR) { held.release(writing) }
            }
            for (index, descriptor) in [(0, output), (1, errors)] where held.isOpen(descriptor) && polled[index].revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
                if count > 0 {
                    if index == 0 { outcome.output += chunk[..<count] } else { outcome.errors += chunk[..<count] }
                } else if count == 0 {
                    held.release(descriptor)
                } else if errno != EINTR && errno != EAGAIN {
                    throw Failure(message: "reading its output: \(String(cString: strerror(errno)))")
                }
            }
        }
    }
}
