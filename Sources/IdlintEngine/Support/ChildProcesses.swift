import Dispatch
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What idlint leaves running or lying around while it works: the `git` children it
/// started and its private scratch folders. On SIGINT, SIGTERM or SIGHUP both are
/// cleaned up before idlint exits, so an interrupted run leaves no `git apply` behind
/// and no copy of the user's configuration on disk.
package final class ChildProcesses: @unchecked Sendable {
    package static let shared = ChildProcesses()

    private let state = Locked<(children: Set<Int32>, folders: Set<String>)>(([], []))
    private let sources = Locked<[DispatchSourceSignal]>([])

    func started(_ process: Int32) { state.withLock { _ = $0.children.insert(process) } }
    func ended(_ process: Int32) { state.withLock { _ = $0.children.remove(process) } }
    func created(folder: String) { state.withLock { _ = $0.folders.insert(folder) } }
    func removed(folder: String) { state.withLock { _ = $0.folders.remove(folder) } }

    /// Ends every child and removes every scratch folder still registered.
    package func cleanUp() {
        let (children, folders) = state.withLock { current in
            defer { current = ([], []) }
            return (current.children, current.folders)
        }
        for child in children { kill(child, SIGKILL) }
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// Installs the handlers once, for the command line. Signals are taken on a queue of
    /// their own, so cleaning up never waits for the thread that is blocked on a child.
    package func cleanUpOnSignals() {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { [self] in
                    cleanUp()
                    exit(128 + signalNumber)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
