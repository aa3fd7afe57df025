import Testing
@testable import IdlintSyntax

@Suite("Document archive")
struct DocumentArchiveTests {
    @Test("a document read back from its archive is the tree the parser built")
    func roundTrip() throws {
        let text = """
        # tags, anchors and aliases, merge keys, every scalar style, text beyond ASCII
        defaults: &defaults
          verbs: [get, "list", 'watch']
        role: !Ref Builder
        merged:
          <<: *defaults
          name: "quote \\" backslash \\\\ tab \\t carriage return \\r end"
        block: |
          two lines
          of text
        folded: >
          folded
          text
        empty:
        unicode: "naïve — 日本語 😀"
        deep: [[[[1]]], {a: {b: {c: d}}}]
        """
        let parsed = try #require(parse(text, as: .yaml).first)
        let archive = DocumentArchive.encode(parsed)
        let decoded = DocumentArchive.decode(numbers: archive.numbers, pool: archive.pool, file: parsed.file)
        #expect(decoded.file == parsed.file && decoded.syntax == .yaml && decoded.indexInFile == 0)
        #expect(decoded.childIDs == parsed.childIDs)
        #expect(decoded.textPool == parsed.textPool)
        #expect(decoded.tags == parsed.tags && !parsed.tags.isEmpty)
        #expect(decoded.records.count == parsed.records.count)
        for (read, built) in zip(decoded.records, parsed.records) {
            #expect(read.kind == built.kind && read.style == built.style && read.tagIndex == built.tagIndex)
            #expect(read.textStart == built.textStart && read.textLength == built.textLength)
            #expect(read.childStart == built.childStart && read.childCount == built.childCount)
            #expect(read.start == built.start && read.end == built.end)
        }
        #expect(decoded.root["merged"]?["verbs"]?.elements.map(\.text) == ["get", "list", "watch"])
        #expect(decoded.root["unicode"]?.text == "naïve — 日本語 😀")
    }

    @Test("the numbers of an archive are digits a raw string literal holds as they are")
    func numbersAlphabet() throws {
        let parsed = try #require(parse("a: [1, 2]\nb: {c: d}\n", as: .yaml).first)
        let numbers = DocumentArchive.encode(parsed).numbers
        #expect(!numbers.isEmpty)
        #expect(numbers.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x6F })
    }
}
