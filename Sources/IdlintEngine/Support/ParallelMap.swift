import Dispatch

/// `work(0..<count)` on up to `workers` threads, results in order. Items are handed out
/// one at a time, so uneven ones (a 20 MB file among small ones, the SAML rules among
/// short rule files) keep every thread busy; a lock per item costs nothing next to them.
package func parallelMap<Result: Sendable>(_ count: Int, workers: Int, _ work: @Sendable (Int) -> Result) -> [Result] {
    parallelMap(count, workers: workers, into: (), absorbing: { _, _ in }, work).results
}

/// `work(0..<count)` as above, and each result handed to `absorb` in index order as soon
/// as it and every one before it are done, under the lock, so that `absorb` may move
/// parts of it into `accumulated`. What is moved out early is freed early: each file's
/// facts merged as the file is done leave their memory to the next file, where merged
/// after the last they were all held at once, the merged copy beside them.
package func parallelMap<Result: Sendable, Accumulated: Sendable>(
    _ count: Int, workers: Int, into initial: Accumulated,
    absorbing absorb: @Sendable (inout Accumulated, inout Result) -> Void,
    _ work: @Sendable (Int) -> Result
) -> (results: [Result], accumulated: Accumulated) {
    let workers = max(1, min(workers, count))
    if workers == 1 {
        var accumulated = initial
        let results = (0..<count).map { index in
            var result = work(index)
            absorb(&accumulated, &result)
            return result
        }
        return (results, accumulated)
    }
    let progress = Locked(MapProgress(results: [Result?](repeating: nil, count: count), accumulated: initial))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let index = progress.withLock { state in
                defer { state.next += 1 }
                return state.next
            }
            guard index < count else { return }
            let result = work(index)
            progress.withLock { state in
                state.results[index] = result
                while state.absorbed < count, state.results[state.absorbed] != nil {
                    absorb(&state.accumulated, &state.results[state.absorbed]!)
                    state.absorbed += 1
                }
            }
        }
    }
    return progress.withLock { state in (state.results.map { $0! }, state.accumulated) }
}

/// What the threads of a `parallelMap` share: the next item to hand out, the results so
/// far, and how many of them are absorbed.
private struct MapProgress<Result, Accumulated> {
    var next = 0
    var results: [Result?]
    var absorbed = 0
    var accumulated: Accumulated
}
