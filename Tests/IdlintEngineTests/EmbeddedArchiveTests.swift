import IdlintSyntax
import Testing
@testable import IdlintEngine

@Suite("Embedded rulesets")
struct EmbeddedArchiveTests {
    /// The built-in rules are read from trees parsed at build time: those trees must be
    /// the ones the rule loader would parse from the files' text, node for node.
    @Test("every built-in file's archived tree is the tree its text parses to")
    func archivesMatchText() throws {
        #expect(EmbeddedRulesets.files.count > 20)
        for file in EmbeddedRulesets.files {
            let path = "rulesets/" + file.path
            let parsed = try DataFile.parse(text: file.text, path: path)
            let archived = DocumentArchive.decode(numbers: file.numbers, pool: file.pool, file: path).root
            #expect(same(parsed, archived), "\(path)")
        }
    }

    private func same(_ a: Node, _ b: Node) -> Bool {
        guard a.kind == b.kind, a.style == b.style, a.tag == b.tag, a.text == b.text, a.span == b.span,
              a.location == b.location, a.count == b.count else { return false }
        switch a.kind {
        case .scalar: return true
        case .sequence: return zip(a.elements, b.elements).allSatisfy { same($0, $1) }
        case .mapping: return zip(a.entries, b.entries).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        }
    }
}
