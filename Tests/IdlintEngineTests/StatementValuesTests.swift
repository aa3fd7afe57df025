import Dispatch
import IdlintSyntax
import Testing
@testable import IdlintEngine

@Suite("Statement values")
struct StatementValuesTests {
    private func span(_ line: Int32, _ column: Int32, to endLine: Int32, _ endColumn: Int32) -> SourceSpan {
        SourceSpan(start: SourcePosition(line: line, column: column), end: SourcePosition(line: endLine, column: endColumn))
    }

    @Test("a place on one line of an ordinary file packs into a word and back unchanged")
    func packing() throws {
        for place in [span(1, 1, to: 1, 4), span(7, 0, to: 7, 0), span(Int32.max, 4_194_303, to: Int32.max, 4_194_303 + 511), span(120_000, 33, to: 120_000, 40)] {
            let packed = try #require(PackedPlace(packing: place))
            #expect(packed.packedSpan == place)
            #expect(packed.keptWholeIndex == nil)
        }
        #expect(PackedPlace.unwritten.packedSpan == nil)
        #expect(PackedPlace.unwritten.keptWholeIndex == nil)
    }

    @Test("a place over lines, far along a line or wider than 511 columns does not pack")
    func notPacking() {
        #expect(PackedPlace(packing: span(3, 5, to: 4, 2)) == nil)
        #expect(PackedPlace(packing: span(1, 4_194_304, to: 1, 4_194_310)) == nil)
        #expect(PackedPlace(packing: span(1, 10, to: 1, 10 + 512)) == nil)
        #expect(PackedPlace(packing: span(1, 10, to: 1, 9)) == nil)
        #expect(PackedPlace(keptWholeAt: 5).keptWholeIndex == 5)
        #expect(PackedPlace(keptWholeAt: 5).packedSpan == nil)
    }

    @Test("a statement gives back every value with its text and exact place, packed, kept whole or none, field by field")
    func roundTrip() {
        let values = [
            Located("get", span: span(4, 12, to: 4, 15)),
            Located("list", span: nil),
            Located("a long minified value", span: span(1, 5_000_000, to: 1, 5_000_021)),
            Located("pods", span: span(5, 16, to: 5, 20)),
            Located("multi\nline", span: span(6, 3, to: 7, 9)),
            Located("apps", span: span(8, 14, to: 8, 18)),
            Located("web", span: span(9, 20, to: 9, 23)),
            Located("/healthz", span: span(10, 22, to: 10, 30)),
        ]
        let statement = PermissionStatement(values: values, counts: (actions: 3, resources: 2, apiGroups: 1, resourceNames: 1), isDeny: false, location: nil)
        #expect(Array(statement.actions) == Array(values[0..<3]))
        #expect(Array(statement.resources) == Array(values[3..<5]))
        #expect(Array(statement.apiGroups) == [values[5]])
        #expect(Array(statement.resourceNames) == [values[6]])
        #expect(Array(statement.nonResourceURLs) == [values[7]])
        #expect(statement.isNarrowed)
        #expect(statement.actions.map(\.value) == ["get", "list", "a long minified value"])
        #expect(statement.resources.first?.span == span(5, 16, to: 5, 20))
        #expect(statement.excludedActions == nil && statement.excludedResources == nil)
        // Fields compare and hash by the values they show, wherever they sit.
        let same = PermissionStatement(values: [values[3], values[4]], counts: (actions: 0, resources: 2, apiGroups: 0, resourceNames: 0), isDeny: false, location: nil)
        #expect(statement.resources == same.resources)
        #expect(Set([statement.resources, same.resources]).count == 1)
        #expect(statement.actions != same.resources)
    }

    @Test("a complement and places kept whole live side by side")
    func complementsAndKeptPlaces() {
        let excluded = [Located("iam:*", span: span(2, 3, to: 2, 8))]
        let wide = Located("*", span: span(3, 1, to: 4, 1))
        let statement = PermissionStatement(values: [wide, Located("*", span: nil)], counts: (actions: 1, resources: 1, apiGroups: 0, resourceNames: 0),
                                            isDeny: false, location: nil, excludedActions: excluded)
        #expect(statement.excludedActions == excluded)
        #expect(statement.excludedResources == nil)
        #expect(statement.actions.first == wide)
        #expect(statement.literalWildcard(in: .actions) == nil)
        #expect(statement.literalWildcard(in: .resources) == Located("*", span: nil))
    }

    @Test("a value is 12 bytes; a text too long for the shared table, or canonically equal to one of other bytes, is kept by its statement")
    func ownTexts() {
        #expect(MemoryLayout<StatementValue>.stride == 12)
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
