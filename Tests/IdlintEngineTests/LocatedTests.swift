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
        #expect(Located("get", span: place).location(in: "a.yaml") == SourceLocation(file: "a.yaml", span: place))
        #expect(Located("get", span: nil).location(in: "a.yaml") == nil)
    }

    @Test("a located string takes 32 bytes: statements hold millions of them")
    func size() {
        #expect(MemoryLayout<Located<String>>.stride == 32)
    }

    @Test("a long value read twice, from two files, is one string in memory; short and different values keep their own text")
    func sharedTexts() throws {
        func values(_ yaml: String) throws -> [Located<String>] {
            let root = try #require(FixtureSearchKeyTests.documents(yaml, .yaml).first?.root)
            return root.elements.map { Located($0) }
        }
        let first = try values("[persistentvolumeclaims, get, rbac.authorization.k8s.io]")
        let second = try values("[get, persistentvolumeclaims, networking.k8s.io]")
        #expect(first.map(\.value) == ["persistentvolumeclaims", "get", "rbac.authorization.k8s.io"])
        #expect(second.map(\.value) == ["get", "persistentvolumeclaims", "networking.k8s.io"])
        #expect(first[0].span?.start == SourcePosition(line: 1, column: 2))
        func storage(_ text: String) -> UnsafePointer<UInt8>? {
            var text = text
            return text.withUTF8 { $0.baseAddress }
        }
        #expect(storage(first[0].value) == storage(second[1].value))
        #expect(storage(first[2].value) != storage(second[2].value))
    }
}
