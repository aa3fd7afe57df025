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
}
