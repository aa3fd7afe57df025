/// Terminal output: optional colour, and text from scanned files made harmless, since a
/// file or object name may carry escape sequences meant for the reviewer's terminal.
struct TerminalStyle: Sendable {
    let colour: Bool

    func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Control characters, escape included, shown as `\u{..}` instead of acted on.
    static func plain(_ text: String) -> String {
        guard hasControl(text) else { return text }
        var output = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                output += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Whether the text holds a control character, read as UTF-8 bytes eight at a time:
    /// C0 and DEL are single bytes, and C1 (U+0080 to U+009F) is C2 followed by 80 to 9F.
    /// Every message and place of a terminal report passes here.
    private static func hasControl(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                if let word = ByteWords.word(bytes, at: index),
                   !(ByteWords.hasByte(word, below: 0x20) || ByteWords.hasByte(word, equalTo: 0x7F) || ByteWords.hasByte(word, equalTo: 0xC2)) {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                if byte < 0x20 || byte == 0x7F { return true }
                if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { return true }
                index += 1
            }
            return false
        }
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
