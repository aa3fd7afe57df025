import Dispatch
import IdlintSyntax
import Testing
@testable import IdlintEngine

@Suite("Statement values")
struct StatementValuesTests {
    private func span(_ line: Int32, _ column: Int32, to endLine: Int32, _ endColumn: Int32) -> SourceSpan {
        SourceSpan(start: SourcePosition(line: line, column: column), end: SourcePosition(line: endLine, column: endColumn))
    }

    @Test("a value's place packs against its statement's first line, and one too far from it, before it or too wide does not")
    func valuePlaces() throws {
        for (place, base) in [(span(10, 0, to: 10, 0), Int32(10)), (span(12, 2_047, to: 12, 2_047 + 511), 10), (span(2_056, 4, to: 2_056, 9), 10),
                              (span(Int32.max, 3, to: Int32.max, 5), Int32.max - 2_045)] {
            let packed = try #require(ValuePlace(packing: place, from: base), "\(place) from \(base)")
            #expect(packed.packedSpan(from: base) == place)
            #expect(packed.keptWholeIndex == nil && packed != .unwritten)
        }
        #expect(ValuePlace(packing: span(2_057, 4, to: 2_057, 9), from: 10) == nil)
        #expect(ValuePlace(packing: span(9, 4, to: 9, 9), from: 10) == nil)
        #expect(ValuePlace(packing: span(10, 2_048, to: 10, 2_050), from: 10) == nil)
        #expect(ValuePlace(packing: span(10, 4, to: 10, 4 + 512), from: 10) == nil)
        #expect(ValuePlace(packing: span(10, 4, to: 11, 1), from: 10) == nil)
        #expect(ValuePlace(keptWholeAt: 7).keptWholeIndex == 7 && ValuePlace(keptWholeAt: 7).packedSpan(from: 1) == nil)
        #expect(ValuePlace.unwritten.packedSpan(from: 1) == nil)
    }

    @Test("a statement gives back its own place, packed or kept whole, and its values' places around it")
    func statementPlaces() {
        let origin = SourceOrigin(file: "roles.yaml")
        let values = [Located("get", span: span(40, 12, to: 40, 15)), Located("pods", span: span(3_000, 3, to: 3_000, 7)),
                      Located("secrets", span: span(39, 8, to: 39, 15)), Located("x", span: span(41, 3_000, to: 41, 3_001))]
        for place in [span(38, 4, to: 38, 9), span(38, 4, to: 52, 1)] {
            let location = SourceLocation(origin: origin, span: place)
            let statement = PermissionStatement(values: values, counts: (actions: 1, resources: 3, apiGroups: 0, resourceNames: 0), isDeny: true, location: location)
            #expect(statement.location == location)
            #expect(statement.location?.origin === origin)
            #expect(Array(statement.actions) + Array(statement.resources) == values)
            #expect(statement.isDeny)
        }
        let placeless = PermissionStatement(values: [Located("get", span: nil)], counts: (actions: 1, resources: 0, apiGroups: 0, resourceNames: 0), isDeny: false, location: nil)
        #expect(placeless.location == nil && placeless.actions.first == Located("get", span: nil))
    }

    @Test("a statement's header is 48 bytes, and one of more values than 16-bit ends count reads every field back")
    func wideStatements() {
        #expect(MemoryLayout<StatementHeader>.size == 48)
        let counts = (actions: 3, resources: 70_000, apiGroups: 2, resourceNames: 1)
        let total = counts.actions + counts.resources + counts.apiGroups + counts.resourceNames + 4
        let values: [Located<String>] = (0..<total).map { index in
            let line = Int32(5 + index / 10), column = Int32(3 + index % 10)
            return Located("v\(index)", span: span(line, column, to: line, column + 2))
        }
        let statement = PermissionStatement(values: values, counts: counts, isDeny: false, location: nil)
        #expect(Array(statement.actions) == Array(values[0..<3]))
        #expect(Array(statement.resources) == Array(values[3..<70_003]))
        #expect(Array(statement.apiGroups) == Array(values[70_003..<70_005]))
        #expect(Array(statement.resourceNames) == Array(values[70_005..<70_006]))
        #expect(Array(statement.nonResourceURLs) == Array(values[70_006...]))
        #expect(statement.isNarrowed)
    }

    @Test("a value is 8 bytes; a text too long for the shared table, or canonically equal to one of other bytes, is kept by its statement")
    func ownTexts() {
        #expect(MemoryLayout<StatementValue>.stride == 8)
        let long = String(repeating: "arn:aws:s3:::bucket/", count: 100)
        #expect(long.utf8.count > StatementTexts.longestKept)
        let wide = Located("*", span: span(3, 1, to: 4, 1))
        let values = [Located("get", span: span(2, 5, to: 2, 8)), Located(long, span: span(3, 5, to: 3, 9)), wide,
                      Located("", span: nil), Located(long + "x", span: nil)]
        let statement = PermissionStatement(values: values, counts: (actions: 1, resources: 4, apiGroups: 0, resourceNames: 0), isDeny: false, location: nil)
        #expect(Array(statement.actions) == [values[0]])
        #expect(Array(statement.resources) == Array(values[1...]))
        #expect(statement.excludedActions == nil && statement.excludedResources == nil)
        // Canonically equal texts of other bytes each read back as written.
        let composed = PermissionStatement(values: [Located("caf\u{E9}", span: nil)], counts: (actions: 1, resources: 0, apiGroups: 0, resourceNames: 0),
                                           isDeny: false, location: nil)
        let decomposed = PermissionStatement(values: [Located("cafe\u{301}", span: nil)], counts: (actions: 1, resources: 0, apiGroups: 0, resourceNames: 0),
                                             isDeny: false, location: nil)
        #expect(composed.actions.first.map { Array($0.value.utf8) } == Array("caf\u{E9}".utf8))
        #expect(decomposed.actions.first.map { Array($0.value.utf8) } == Array("cafe\u{301}".utf8))
        // The same word in another statement reads the same text from the shared table.
        let other = PermissionStatement(values: [Located("get", span: nil)], counts: (actions: 1, resources: 0, apiGroups: 0, resourceNames: 0),
                                        isDeny: false, location: nil)
        #expect(other.actions.first?.value == "get")
    }

    @Test("statements made on several threads at once, of shared and new texts, each read back their own")
    func concurrentTexts() {
        let made = Locked<[(texts: [String], statement: PermissionStatement)]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            var mine: [(texts: [String], statement: PermissionStatement)] = []
            for index in 0..<400 {
                let texts = ["verb-\(index % 37)", "resource-\(thread)-\(index)", "persistentvolumeclaims", "group-\(index % 5)"]
                let statement = PermissionStatement(values: texts.map { Located($0, span: nil) }, counts: (actions: 1, resources: 2, apiGroups: 1, resourceNames: 0),
                                                    isDeny: false, location: nil)
                // Read at once, on the thread that made it, while the others still add.
                guard Array(statement.actions.map(\.value) + statement.resources.map(\.value) + statement.apiGroups.map(\.value)) == texts else { continue }
                mine.append((texts, statement))
            }
            made.withLock { $0 += mine }
        }
        let all = made.withLock { $0 }
        #expect(all.count == 8 * 400)
        #expect(all.allSatisfy { $0.statement.actions.map(\.value) + $0.statement.resources.map(\.value) + $0.statement.apiGroups.map(\.value) == $0.texts })
    }
}
