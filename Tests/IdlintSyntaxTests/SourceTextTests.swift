import Testing
@testable import IdlintSyntax

@Suite("Source text checks")
struct SourceTextTests {
    @Test("a byte search finds a needle exactly where a window-by-window comparison does")
    func byteSearch() {
        // A small alphabet, so that partial matches, repeats and overlaps are common.
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab:#i".utf8)
        func text(_ count: Int) -> [UInt8] { (0..<count).map { _ in alphabet.randomElement(using: &generator)! } }
        for _ in 0..<2000 {
            // Short texts are compared position by position, long ones with skips.
            let haystack = text(Int.random(in: 0...40, using: &generator)) + (Bool.random(using: &generator) ? text(Int.random(in: 216...600, using: &generator)) : [])
            let needle = text(Int.random(in: 1...6, using: &generator))
            let expected = haystack.count >= needle.count && (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<$0 + needle.count]) == needle }
            #expect(haystack.withUnsafeBufferPointer { UTF8Text.contains(needle, in: $0) } == expected, "\(haystack) \(needle)")
        }
        let marker = Array("idlint:ignore".utf8)
        for text in ["# idlint:ignore K8S", "idlint:ignore", "idlint:ignor", "xidlint:ignorx", "iidlint:ignore"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { UTF8Text.contains(marker, in: $0) } == text.contains("idlint:ignore"), "\(text)")
        }
        #expect([UInt8]().withUnsafeBufferPointer { UTF8Text.contains([], in: $0) })
    }

    @Test("invalid UTF-8 is refused with the position of the bad byte")
    func invalidUTF8() {
        let bytes = Array("kind: Role\nname: ab".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let error = parseErrorBytes(bytes, as: .yaml)
        #expect(error?.reason == .invalidEncoding)
        #expect(error?.position == position(2, 9))
    }

    @Test("overlong encodings and surrogates are invalid UTF-8", arguments: [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82]] as [[UInt8]])
    func invalidSequences(bytes: [UInt8]) {
        #expect(bytes.withUnsafeBufferPointer { UTF8Text.firstInvalidOffset($0) } == 0)
    }

    @Test("UTF-16 with a byte order mark is converted and parsed")
    func utf16() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "kind: Rôle\nname: x\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let root = try parseBytes(bytes, as: .yaml)[0].root
        #expect(root["kind"]?.text == "Rôle")
        #expect(root["name"]?.start == position(2, 7))
    }

    @Test("a NUL byte in text is refused")
    func nulRefused() {
        let error = parseErrorBytes(Array("a: b\n".utf8) + [0] + Array("c: d".utf8), as: .yaml)
        #expect(error?.reason == .invalidEncoding)
        #expect(error?.position == position(2, 1))
    }
}
