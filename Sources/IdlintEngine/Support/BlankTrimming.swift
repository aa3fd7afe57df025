extension StringProtocol {
    /// The text without leading and trailing blanks: what `trimmingCharacters(in:
    /// .whitespaces)` gives (tab and every Unicode space separator), without Foundation's
    /// round trip through NSString, which start-up paid on every path of every rule.
    func trimmingBlanks() -> String {
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
