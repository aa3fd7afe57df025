extension StringProtocol {
    /// The text without leading and trailing blanks: what `trimmingCharacters(in:
    /// .whitespaces)` gives (tab and every Unicode space separator), without Foundation's
    /// round trip through NSString, which start-up paid on every path of every rule.
    func trimmingBlanks() -> String {
        // Most texts are ASCII at both ends once ASCII blanks are gone: those are cut as
        // bytes. Rebuilding the scalar view one scalar at a time cost start-up a tenth of
        // its time; the scalar walk below stays for the rest (a no-break space at an end).
        let bytes = utf8
        var start = bytes.startIndex
        while start < bytes.endIndex, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
        if start == bytes.endIndex { return "" }
        var lastKept = start
        var end = start
        var index = start
        while index < bytes.endIndex {
            let byte = bytes[index]
            let next = bytes.index(after: index)
            if byte != 0x20, byte != 0x09 { (lastKept, end) = (index, next) }
            index = next
        }
        if bytes[start] < 0x80, bytes[lastKept] < 0x80 { return String(decoding: bytes[start..<end], as: UTF8.self) }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isBlank }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isBlank })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    /// A tab or a space separator (category Zs): Foundation's `CharacterSet.whitespaces`.
    var isBlank: Bool {
        value == 0x20 || value == 0x09 || (value >= 0x80 && properties.generalCategory == .spaceSeparator)
    }
}
