import Dispatch

/// `work(0..<count)` on up to `workers` threads, results in order. Items are handed out
/// one at a time, so uneven ones (a 20 MB file among small ones, the SAML rules among
/// short rule files) keep every thread busy; a lock per item costs nothing next to them.
package func parallelMap<Result: Sendable>(_ count: Int, workers: Int, _ work: @Sendable (Int) -> Result) -> [Result] {
    let workers = max(1, min(workers, count))
    if workers == 1 { return (0..<count).map(work) }
    let nextIndex = Locked<Int>(0)
    let results = Locked<[Result?]>(Array(repeating: nil, count: count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let index = nextIndex.withLock { next in
                defer { next += 1 }
                return next
            }
            guard index < count else { return }
            let result = work(index)
            results.withLock { $0[index] = result }
        }
    }
    return results.withLock { $0.map { $0! } }
}
