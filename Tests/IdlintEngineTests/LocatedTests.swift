import IdlintSyntax
import Testing
@testable import IdlintEngine

@Suite("Located values")
struct LocatedTests {
    @Test("a value keeps its span, or its lack of one, through init, assignment and comparison")
    func spans() {
        let place = SourceSpan(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 4))
        let far = SourceSpan(start: SourcePosition(line: Int32.max, column: 7), end: SourcePosition(line: Int32.max, column: 9))
        #expect(Located("get", span: nil).span == nil)
        #expect(Located("get", span: place).span == place)
        #expect(Located("get", span: far).span == far)
        var value = Located("get", span: place)
        value.span = nil
        #expect(value.span == nil)
        #expect(value == Located("get", span: nil))
        #expect(Located("get", span: nil) != Located("get", span: place))
        #expect(Set([Located("get", span: nil), Located("get", span: place), Located("get", span: nil)]).count == 2)
        #expect(Located("get", span: place).location(in: SourceOrigin(file: "a.yaml")) == SourceLocation(file: "a.yaml", span: place))
        #expect(Located("get", span: nil).location(in: SourceOrigin(file: "a.yaml")) == nil)
    }

    @Test("a located string takes 32 bytes: statements hold millions of them")
    func size() {
        #expect(MemoryLayout<Located<String>>.stride == 32)
    }

    @Test("a long value read twice, from two files, is one string in memory; short, very long and different values keep their own text")
    func sharedTexts() throws {
        func values(_ yaml: String) throws -> [Located<String>] {
            let root = try #require(FixtureSearchKeyTests.documents(yaml, .yaml).first?.root)
            return root.elements.map { Located($0) }
        }
        func storage(_ text: String) -> UnsafePointer<UInt8>? {
            var text = text
            return text.withUTF8 { $0.baseAddress }
        }
        // Words no other test reads, so that what the table already holds cannot matter.
        let word = "resource-\(UInt64.random(in: 0...UInt64.max))"
        let other = "resource-\(UInt64.random(in: 0...UInt64.max))-other"
        let long = String(repeating: "x", count: SharedTexts.longestShared + 1) + word
        let first = try values("[\(word), get, \(long)]")
        let second = try values("[get, \(word), \(other), \(long)]")
        #expect(first.map(\.value) == [word, "get", long])
        #expect(second.map(\.value) == ["get", word, other, long])
        #expect(first[0].span?.start == SourcePosition(line: 1, column: 2))
        #expect(storage(first[0].value) == storage(second[1].value))
        #expect(storage(first[2].value) != storage(second[3].value))
    }
}
