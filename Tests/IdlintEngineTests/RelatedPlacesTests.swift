import IdlintSyntax
import Testing
@testable import IdlintEngine

@Suite("Related places")
struct RelatedPlacesTests {
    private static func place(_ line: Int32) -> RelatedLocation {
        RelatedLocation(location: SourceLocation(file: "w.yaml", span: SourceSpan(at: SourcePosition(line: line, column: 3))), message: "line \(line)")
    }

    private static let five = (1...5).map { place(Int32($0)) }

    @Test("a list that leaves one entry out shows the others in order, and equals and hashes as that plain list")
    func omitting() {
        for omitted in 0..<5 {
            let shown = RelatedPlaces(RelatedPlaces.Omission(Self.five, omitting: omitted))
            var expected = Self.five
            expected.remove(at: omitted)
            #expect(Array(shown) == expected)
            #expect(shown.count == 4)
            #expect(shown == RelatedPlaces(expected))
            #expect(shown.hashValue == RelatedPlaces(expected).hashValue)
            #expect(shown.indices.map { shown[$0] } == expected)
        }
        #expect(Array(RelatedPlaces(Self.five)) == Self.five)
        #expect(RelatedPlaces(RelatedPlaces.Omission(Self.five, omitting: 0)) != RelatedPlaces(RelatedPlaces.Omission(Self.five, omitting: 1)))
        #expect(RelatedPlaces().isEmpty)
    }

    @Test("a finding's related places take no more room than a plain list")
    func size() {
        #expect(MemoryLayout<RelatedPlaces>.size == MemoryLayout<[RelatedLocation]>.size)
    }

    @Test("changing a list that leaves an entry out changes only what it shows, never the shared places")
    func changes() {
        let shared = Self.five
        var appended = RelatedPlaces(RelatedPlaces.Omission(shared, omitting: 1))
        appended.append(Self.place(9))
        #expect(appended.map(\.location.line) == [1, 3, 4, 5, 9])
        var rewritten = RelatedPlaces(RelatedPlaces.Omission(shared, omitting: 3))
        rewritten[3].message = "changed"
        #expect(rewritten.map(\.message) == ["line 1", "line 2", "line 3", "changed"])
        var joined = RelatedPlaces(RelatedPlaces.Omission(shared, omitting: 0))
        joined += [Self.place(7)]
        #expect(joined.map(\.location.line) == [2, 3, 4, 5, 7])
        #expect(shared == Self.five)
        #expect(Array(RelatedPlaces(RelatedPlaces.Omission(shared, omitting: 1))) == [shared[0], shared[2], shared[3], shared[4]])
    }
}
