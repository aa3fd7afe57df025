#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Work on a thread of its own, fed while the caller goes on producing: a large
/// multi-document file is parsed on one core while the documents already parsed are
/// judged on another. Items are taken in the order they were put, and at most
/// `capacity` wait, so memory holds a few items, not all of them. `finish()` must be
/// called once, after the last `put`: it closes the feed, waits for the work and returns
/// what it made. Guarded by a pthread condition, which ThreadSanitizer sees (`Locked`).
final class Handoff<Item: Sendable, Made: Sendable>: @unchecked Sendable {
    private let condition = PthreadMutex()
    private let capacity: Int
    /// Items put and not yet taken, oldest first; a taken slot is emptied at once.
    private var slots: [Item?] = []
    private var first = 0
    private var closed = false
    private var made: Made?

    /// Starts `work` on a new thread; `work` reads the items through `next` until it
    /// returns nil (the feed closed and drained). Nil when no thread could be started:
    /// the caller then does the work itself, rather than wait on a thread that never ran
    /// (Foundation's `Thread` on Linux does not report a failed `pthread_create`).
    init?(capacity: Int, _ work: @escaping @Sendable (_ next: () -> Item?) -> Made) {
        self.capacity = max(1, capacity)
        let run = ThreadStart { [self] in
            let result = work { self.take() }
            condition.lock()
            made = result
            condition.broadcast()
            condition.unlock()
        }
        guard run.start() else { return nil }
    }

    func put(_ item: Item) {
        condition.lock()
        defer { condition.unlock() }
        precondition(!closed, "an item put after finish() would never be taken")
        while slots.count - first >= capacity { condition.wait() }
        slots.append(item)
        condition.broadcast()
    }

    private func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while first == slots.count, !closed { condition.wait() }
        guard first < slots.count else { return nil }
        let item = slots[first]
        slots[first] = nil
        first += 1
        // Emptied slots are dropped now and then, not one by one from the front.
        if first >= capacity {
            slots.removeFirst(first)
            first = 0
        }
        condition.broadcast()
        return item
    }

    func finish() -> Made {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while made == nil { condition.wait() }
        return made!
    }
}

/// A detached pthread running one closure, whose start is checked.
private final class ThreadStart: @unchecked Sendable {
    private let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }

    /// Whether the thread started; the thread holds this object until it has run.
    func start() -> Bool {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            let start = Unmanaged<ThreadStart>.fromOpaque(context!).takeRetainedValue()
            start.body()
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<ThreadStart>.fromOpaque(context).release()
            return false
        }
        pthread_detach(thread)
        return true
    }
}
