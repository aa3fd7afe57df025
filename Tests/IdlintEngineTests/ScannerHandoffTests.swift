import Foundation
import Testing
@testable import IdlintEngine

/// The queue between the thread that parses a large file and the one that judges it.
/// Named for the scanner so that the thread-sanitizer run of `make test` covers it.
@Suite("Scanner hand-off")
struct ScannerHandoffTests {
    @Test("every item is taken once, in the order put, whatever the capacity and whichever side is slower", arguments: [1, 2, 3, 8])
    func order(capacity: Int) throws {
        let count = 5_000
        let handoff = try #require(Handoff<Int, [Int]>(capacity: capacity) { next in
            var seen: [Int] = []
            while let item = next() {
                seen.append(item)
                if item % 997 == 0 { usleep(200) }
            }
            return seen
        })
        for item in 0..<count {
            handoff.put(item)
            if item % 1_009 == 0 { usleep(200) }
        }
        #expect(handoff.finish() == Array(0..<count))
    }

    @Test("finishing with nothing put returns what the work made of nothing")
    func empty() throws {
        let handoff = try #require(Handoff<Int, Int>(capacity: 4) { next in
            var total = 0
            while let item = next() { total += item }
            return total + 1
        })
        #expect(handoff.finish() == 1)
    }
}
