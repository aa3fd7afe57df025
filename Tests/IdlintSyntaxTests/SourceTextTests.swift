import Testing
@testable import IdlintSyntax

@Suite("Source text checks")
struct SourceTextTests {
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
