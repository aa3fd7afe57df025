extension StringProtocol {
    /// Whether every character is a letter, a digit or one of `punctuation` (ASCII signs):
    /// what rule ids, path set names, threshold names and environment names may hold.
    /// ASCII text, the usual case, is checked byte by byte: asking each Character whether
    /// it is a letter walks grapheme breaks and Unicode's tables, and was 3% of reading
    /// the built-in rules at start-up.
    func holdsOnlyLettersDigits(and punctuation: String) -> Bool {
        var isASCII = true
        for byte in utf8 {
            guard byte < 0x80 else {
                isASCII = false
                break
            }
            let isAlphanumeric = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
            guard isAlphanumeric || punctuation.utf8.contains(byte) else { return false }
        }
        return isASCII || allSatisfy { $0.isLetter || $0.isNumber || punctuation.contains($0) }
    }
}
