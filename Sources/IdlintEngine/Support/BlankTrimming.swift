extension StringProtocol {
    /// The text without leading and trailing blanks: what Foundation's
    /// `trimmingCharacters(in: .whitespaces)` gives (tab and every Unicode space separator).
    /// idlint links FoundationEssentials only, whose loading costs start-up a third of
    /// full Foundation's, and that has no character sets.
    package func trimmingBlanks() -> String {
        trimming(where: \.isBlank)
    }

    /// The text without leading and trailing blanks and line breaks: Foundation's
    /// `.whitespacesAndNewlines`.
    package func trimmingWhitespace() -> String {
        trimming(where: \.isBlankOrLineBreak)
    }

    private func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        // Most texts are ASCII at both ends once ASCII blanks are gone: those are cut as
        // bytes. Rebuilding the scalar view one scalar at a time cost start-up a tenth of
        // its time; the scalar walk below stays for the rest (a no-break space at an end).
        let bytes = utf8
        func trimmedASCII(_ byte: UInt8) -> Bool { byte < 0x80 && isTrimmed(Unicode.Scalar(byte)) }
        var start = bytes.startIndex
        while start < bytes.endIndex, trimmedASCII(bytes[start]) { start = bytes.index(after: start) }
        if start == bytes.endIndex { return "" }
        var lastKept = start
        var end = start
        var index = start
        while index < bytes.endIndex {
            let next = bytes.index(after: index)
            if !trimmedASCII(bytes[index]) { (lastKept, end) = (index, next) }
            index = next
        }
        if bytes[start] < 0x80, bytes[lastKept] < 0x80 { return String(decoding: bytes[start..<end], as: UTF8.self) }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isTrimmed($0) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    /// A tab or a space separator (category Zs): Foundation's `CharacterSet.whitespaces`.
    var isBlank: Bool {
        value == 0x20 || value == 0x09 || (value >= 0x80 && properties.generalCategory == .spaceSeparator)
    }

    /// A blank, a line feed, vertical tab, form feed, carriage return, next line, or a line
    /// or paragraph separator: Foundation's `CharacterSet.whitespacesAndNewlines`.
    var isBlankOrLineBreak: Bool {
        if isBlank || (0x0A...0x0D).contains(value) || value == 0x85 { return true }
        guard value >= 0x80 else { return false }
        let category = properties.generalCategory
        return category == .lineSeparator || category == .paragraphSeparator
    }
}
