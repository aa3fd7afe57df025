/// TOML's integers and floats, checked as TOML 1.0 writes them.
enum TOMLNumber {
    /// The number as the tree keeps it: an integer in decimal (`0x1F` as `31`, `1_000`
    /// as `1000`), so that rules compare values; a float without its underscores. Nil
    /// when the token is not a TOML number, or an integer outside 64 bits.
    static func normalized(_ token: String) -> String? {
        let bytes = Array(token.utf8)
        guard let first = bytes.first else { return nil }
        let unsigned = first == UInt8(ascii: "+") || first == UInt8(ascii: "-") ? Array(bytes.dropFirst()) : bytes
        if ["inf", "nan"].contains(String(decoding: unsigned, as: UTF8.self)) { return token }
        if unsigned.count > 2, unsigned[0] == UInt8(ascii: "0"), let radix = radix(unsigned[1]) {
            // Prefixed integers take no sign.
            guard unsigned.count == bytes.count, let digits = digits(unsigned.dropFirst(2)) else { return nil }
            return Int64(digits, radix: radix).map(String.init)
        }
        return decimal(bytes, unsigned: unsigned)
    }

    private static func radix(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }

    /// Digits with single underscores between them, underscores dropped; nil when an
    /// underscore leads, trails or doubles. Which digits a radix takes is left to Int64.
    private static func digits(_ bytes: ArraySlice<UInt8>) -> String? {
        guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "_"), last != UInt8(ascii: "_") else { return nil }
        var previousUnderscore = false
        for byte in bytes {
            if byte == UInt8(ascii: "_") {
                if previousUnderscore { return nil }
                previousUnderscore = true
            } else {
                guard (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte) else { return nil }
                previousUnderscore = false
            }
        }
        return String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
    }

    /// `[sign] int [. digits] [e [sign] digits]`, with no leading zero in the integer part.
    private static func decimal(_ bytes: [UInt8], unsigned: [UInt8]) -> String? {
        let text = String(decoding: unsigned, as: UTF8.self)
        let exponentSplit = text.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "E", maxSplits: 1, omittingEmptySubsequences: false) }
        guard exponentSplit.count <= 2 else { return nil }
        let mantissa = exponentSplit[0]
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let integerPart = parts.first, let integer = decimalDigits(integerPart) else { return nil }
        if integer.count > 1, integer.hasPrefix("0") { return nil }
        var isFloat = false
        if parts.count == 2 {
            guard decimalDigits(parts[1]) != nil else { return nil }
            isFloat = true
        }
        if exponentSplit.count == 2 {
            var exponent = exponentSplit[1]
            if exponent.hasPrefix("+") || exponent.hasPrefix("-") { exponent = exponent.dropFirst() }
            guard decimalDigits(exponent) != nil else { return nil }
            isFloat = true
        }
        let sign = bytes.count > unsigned.count ? String(decoding: bytes.prefix(1), as: UTF8.self) : ""
        if isFloat { return (sign + text).replacingUnderscores }
        return Int64(sign == "+" ? integer : sign + integer).map(String.init)
    }

    private static func decimalDigits(_ text: Substring) -> String? {
        guard let digits = digits(ArraySlice(text.utf8)), digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return digits
    }
}

/// TOML's dates and times: offset and local date-times, local dates and local times.
enum TOMLDate {
    static func isValid(_ token: String) -> Bool {
        let bytes = Array(token.utf8)
        if bytes.count >= 3, bytes[2] == UInt8(ascii: ":") { return time(bytes[...], allowOffset: false) }
        guard bytes.count >= 10, date(bytes[0..<10]) else { return false }
        if bytes.count == 10 { return true }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), 0x20].contains(bytes[10]) else { return false }
        return time(bytes[11...], allowOffset: true)
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(String(decoding: bytes, as: UTF8.self))
    }

    /// `YYYY-MM-DD`, a day the month has.
    private static func date(_ bytes: ArraySlice<UInt8>) -> Bool {
        let start = bytes.startIndex
        guard bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
              let year = number(bytes[start..<start + 4]), let month = number(bytes[start + 5..<start + 7]), let day = number(bytes[start + 8..<start + 10]),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    /// `HH:MM:SS[.fraction]`, then, after a date, `Z` or `+HH:MM` / `-HH:MM` if any.
    private static func time(_ bytes: ArraySlice<UInt8>, allowOffset: Bool) -> Bool {
        let start = bytes.startIndex
        guard bytes.count >= 8, bytes[start + 2] == UInt8(ascii: ":"), bytes[start + 5] == UInt8(ascii: ":"),
              let hour = number(bytes[start..<start + 2]), let minute = number(bytes[start + 3..<start + 5]), let second = number(bytes[start + 6..<start + 8]),
              hour < 24, minute < 60, second <= 60 else { return false }
        var index = start + 8
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < bytes.endIndex, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > digitsStart else { return false }
        }
        if index == bytes.endIndex { return true }
        guard allowOffset else { return false }
        let rest = bytes[index...]
        if rest.count == 1 { return rest.first == UInt8(ascii: "Z") || rest.first == UInt8(ascii: "z") }
        guard rest.count == 6, rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-"), bytes[index + 3] == UInt8(ascii: ":"),
              let offsetHour = number(bytes[index + 1..<index + 3]), let offsetMinute = number(bytes[index + 4..<index + 6]) else { return false }
        return offsetHour < 24 && offsetMinute < 60
    }
}

private extension String {
    var replacingUnderscores: String { String(decoding: utf8.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self) }
}
