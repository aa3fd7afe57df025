import Foundation

/// Work on a thread of its own, fed while the caller goes on producing: a large
/// multi-document file is parsed on one core while the documents already parsed are
/// judged on another. Items are taken in the order they were put, and at most
/// `capacity` wait, so memory holds a few items, not all of them. `finish()` must be
/// called once: it closes the feed, waits for the work and returns what it made.
/// Guarded by a pthread condition, which ThreadSanitizer sees (see `Locked`).
final class Handoff<Item: Sendable, Made: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var waiting: [Item] = []
    private var taken = 0
    private var closed = false
    private var made: Made?

    /// Starts `work` on a new thread; it reads the items through `next`, which returns
    /// nil once the feed is closed and drained.
    init(capacity: Int, _ work: @escaping @Sendable (_ next: () -> Item?) -> Made) {
        self.capacity = max(1, capacity)
        // A thread of its own, not a queue's: the caller may be one of the global
        // queue's threads, blocked in `put` until this one takes.
        let thread = Thread { [self] in
            let result = work { self.take() }
            condition.lock()
            made = result
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    func put(_ item: Item) {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count - taken >= capacity { condition.wait() }
        waiting.append(item)
        condition.broadcast()
    }

    private func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while taken == waiting.count, !closed { condition.wait() }
        guard taken < waiting.count else { return nil }
        let item = waiting[taken]
        taken += 1
        // Taken items are dropped now and then, not one by one from the front.
        if taken >= capacity, taken * 2 >= waiting.count {
            waiting.removeFirst(taken)
            taken = 0
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
