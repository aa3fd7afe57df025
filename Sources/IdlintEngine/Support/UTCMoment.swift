import FoundationEssentials

/// Moments as idlint reads and writes them: ISO 8601, in UTC, by arithmetic on the
/// proleptic Gregorian calendar. idlint links FoundationEssentials only, which has no
/// `ISO8601DateFormatter`; its format styles would load calendars idlint never needs.
package enum UTCMoment {
    /// `YYYY-MM-DD`: how suppressions, reports and certificate summaries write dates.
    package static func day(_ date: Date) -> String {
        guard let (days, _) = daysAndSeconds(date) else { return "0000-00-00" }
        let (year, month, day) = civil(fromDays: days)
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, whole seconds.
    package static func timestamp(_ date: Date) -> String {
        guard let (_, seconds) = daysAndSeconds(date) else { return "0000-00-00T00:00:00Z" }
        return day(date) + "T" + padded(seconds / 3600, 2) + ":" + padded(seconds / 60 % 60, 2) + ":" + padded(seconds % 60, 2) + "Z"
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS`, with optional fractional seconds and an optional zone
    /// (`Z` or `±HH:MM`; none is UTC, as xs:dateTime in SAML may be written), or, when
    /// `dateOnly` allows it, a bare `YYYY-MM-DD` (midnight UTC).
    package static func moment(_ text: String, dateOnly: Bool = false) -> Date? {
        var reader = DigitReader(bytes: Array(text.utf8))
        guard let year = reader.number(4), reader.take("-"), let month = reader.number(2), reader.take("-"), let day = reader.number(2) else { return nil }
        if reader.atEnd { return dateOnly ? moment(year: year, month: month, day: day, hour: 0, minute: 0, second: 0) : nil }
        guard reader.take("T") || reader.take("t"), let hour = reader.number(2), reader.take(":"), let minute = reader.number(2), reader.take(":"),
              let second = reader.number(2), var seconds = moment(year: year, month: month, day: day, hour: hour, minute: minute, second: second)?.timeIntervalSince1970
        else { return nil }
        if reader.take(".") || reader.take(",") {
            guard let fraction = reader.fraction() else { return nil }
            seconds += fraction
        }
        if reader.take("Z") || reader.take("z") {
            // UTC, said outright.
        } else if let sign = reader.sign() {
            guard let hours = reader.number(2) else { return nil }
            _ = reader.take(":")
            guard let minutes = reader.number(2), hours < 24, minutes < 60 else { return nil }
            seconds -= Double(sign * (hours * 3600 + minutes * 60))
        }
        return reader.atEnd ? Date(timeIntervalSince1970: seconds) : nil
    }

    /// A moment from its calendar parts, read as UTC; nil for a day the calendar lacks.
    package static func moment(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Date? {
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), (0..<24).contains(hour), (0..<60).contains(minute),
              (0...60).contains(second) else { return nil }
        return Date(timeIntervalSince1970: Double(days(year: year, month: month, day: day)) * 86_400 + Double(hour * 3600 + minute * 60 + second))
    }

    /// Whole days since 1970-01-01 and seconds into the day; nil for a moment no calendar
    /// year of five digits holds.
    private static func daysAndSeconds(_ date: Date) -> (Int, Int)? {
        let total = date.timeIntervalSince1970.rounded(.down)
        guard total.isFinite, abs(total) < 3e11 else { return nil }
        let whole = Int(total)
        let days = whole >= 0 ? whole / 86_400 : -((-whole + 86_399) / 86_400)
        return (days, whole - days * 86_400)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
    private static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (`civil_from_days`).
    private static func civil(fromDays count: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = count + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Reads fixed-width numbers and separators from the front of a moment's bytes.
private struct DigitReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func number(_ width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + width] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += width
        return value
    }

    /// The digits after a decimal mark, as a fraction of a second.
    mutating func fraction() -> Double? {
        var value = 0.0, scale = 1.0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            if scale > 1e-9 {
                scale /= 10
                value += Double(bytes[index] - UInt8(ascii: "0")) * scale
            }
            index += 1
        }
        return scale < 1 ? value : nil
    }

    mutating func sign() -> Int? {
        if take("+") { return 1 }
        if take("-") { return -1 }
        return nil
    }
}
