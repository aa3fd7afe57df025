import Foundation

/// A value shared between threads, guarded by a pthread mutex (NSLock). Used wherever
/// work fans out over threads instead of Synchronization's Mutex: that one waits on a
/// futex, which ThreadSanitizer cannot see, so every use reported a data race that was
/// not there and hid any that were.
package final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    package init(_ value: Value) {
        self.value = value
    }

    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
