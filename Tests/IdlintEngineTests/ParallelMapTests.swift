import Testing
@testable import IdlintEngine

/// The scan merges each file's facts as it is done: the merged order must be the files'
/// order however the threads ran, and what was moved out must not stay behind.
@Suite("Parallel map")
struct ParallelMapTests {
    /// Work whose later items finish first: item 0 is the slowest.
    private static func uneven(_ index: Int) -> [Int] {
        var spin = 0
        for step in 0..<((40 - index) * 20_000) { spin &+= step }
        return [index, spin & 0]
    }

    @Test("results come back in order on one thread and on several")
    func resultsInOrder() {
        for workers in [1, 2, 4] {
            let results = parallelMap(40, workers: workers) { Self.uneven($0)[0] }
            #expect(results == Array(0..<40), "\(workers) workers")
        }
    }

    @Test("each result is absorbed in index order, and what it moved out is gone from the result")
    func absorbsInOrder() {
        for workers in [1, 2, 4] {
            let (results, absorbed) = parallelMap(40, workers: workers, into: [Int](),
                                                  absorbing: { accumulated, result in
                                                      accumulated.append(result[0])
                                                      result = []
                                                  }, Self.uneven)
            #expect(absorbed == Array(0..<40), "\(workers) workers")
            #expect(results.allSatisfy { $0.isEmpty }, "\(workers) workers")
        }
    }

    @Test("nothing to map absorbs nothing")
    func empty() {
        let (results, absorbed) = parallelMap(0, workers: 2, into: 7, absorbing: { total, item in total += item }) { $0 }
        #expect(results.isEmpty && absorbed == 7)
    }
}
