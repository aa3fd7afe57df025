import IdlintSyntax

/// A statement value as a statement keeps it: its text's id and its place in 8 bytes,
/// where a `Located<String>` takes 32. A large cluster holds millions of these, and
/// nearly every one is a word on one line, a few lines from the statement's first value,
/// so its place fits in 32 bits counted from that line; a place that does not is kept
/// whole beside the statement's values (see `PermissionStatement`), as is a text
/// `StatementTexts` does not keep.
struct StatementValue: Sendable {
    /// The text's id in `StatementTexts`; with `ownText` set, the index of a text the
    /// statement keeps itself.
    let text: UInt32
    let place: ValuePlace

    static let ownText: UInt32 = 1 << 31
}

/// What a `PermissionStatement` holds before its values: 48 bytes, laid out so that no
/// byte is padding (the values, 4-byte aligned, follow the header's last byte).
struct StatementHeader: Sendable {
    /// Where each field ends among the values: actions, resources, apiGroups,
    /// resourceNames, and the count of all values, which nonResourceURLs end. A
    /// statement of `StatementHeader.wide` values or more keeps them in its complements
    /// and has `count` at `wide`: hundreds of thousands of statements hold a few values
    /// each, and 32-bit ends cost each of them 16 bytes of the benchmark's heap peak.
    let ends: (UInt16, UInt16, UInt16, UInt16, count: UInt16)
    let isDeny: Bool
    /// The line the values' places count from: the first line any of them is on.
    let baseLine: Int32
    /// The statement's own place, over the lines it takes; its file is `origin` (nil for a
    /// statement of no file, a built-in role's).
    let span: SourceSpan
    let origin: SourceOrigin?
    /// Both complements, the places too large to pack and the texts not kept by
    /// `StatementTexts`, in one optional reference: nearly every statement has none of them.
    let complements: Complements?

    static let wide = UInt16.max

    /// The ends as numbers, from wherever they are kept.
    var wholeEnds: (Int32, Int32, Int32, Int32, count: Int32) {
        if ends.count == Self.wide, let kept = complements?.wideEnds { return kept }
        return (Int32(ends.0), Int32(ends.1), Int32(ends.2), Int32(ends.3), Int32(ends.count))
    }

    final class Complements: Sendable {
        let actions: [Located<String>]?
        let resources: [Located<String>]?
        /// The spans of values whose places do not pack.
        let keptWhole: [SourceSpan]
        /// The texts `StatementTexts` does not keep (too long, or the table is full).
        let ownTexts: [String]
        /// The ends of a statement of `StatementHeader.wide` values or more.
        let wideEnds: (Int32, Int32, Int32, Int32, count: Int32)?

        init(actions: [Located<String>]?, resources: [Located<String>]?, keptWhole: [SourceSpan], ownTexts: [String],
             wideEnds: (Int32, Int32, Int32, Int32, count: Int32)?) {
            self.actions = actions
            self.resources = resources
            self.keptWhole = keptWhole
            self.ownTexts = ownTexts
            self.wideEnds = wideEnds
        }
    }
}

/// A value's span in 32 bits, counted from its statement's base line:
/// - zero: no place (a value of a built-in role);
/// - top bit set: the index of the span kept whole, for a span over several lines, before
///   the base line or 2,047 lines or more after it, past column 2,047 or wider than 511
///   columns;
/// - otherwise, from the low bits: lines after the base line plus one (11 bits), column
///   (11), width in columns (9), all on one line.
struct ValuePlace: Sendable, Equatable {
    let bits: UInt32

    static let unwritten = ValuePlace(bits: 0)
    private static let keptWhole: UInt32 = 1 << 31
    private static let lineLimit: Int32 = 1 << 11
    private static let columnLimit: Int32 = 1 << 11
    private static let widthLimit: Int32 = 1 << 9

    private init(bits: UInt32) {
        self.bits = bits
    }

    /// The span packed against `baseLine`, or nil when it does not fit.
    init?(packing span: SourceSpan, from baseLine: Int32) {
        let lines = span.start.line &- baseLine &+ 1
        let width = span.end.column &- span.start.column
        guard span.start.line >= 1, span.end.line == span.start.line, lines >= 1, lines < Self.lineLimit,
              span.start.column >= 0, span.start.column < Self.columnLimit, width >= 0, width < Self.widthLimit else { return nil }
        bits = UInt32(lines) | UInt32(span.start.column) << 11 | UInt32(width) << 22
    }

    init(keptWholeAt index: Int) {
        precondition(index < Int(Self.keptWhole), "a statement keeps at most 2^31 places whole")
        bits = Self.keptWhole | UInt32(index)
    }

    /// Where the span kept whole sits, for a place that is one.
    var keptWholeIndex: Int? {
        bits & Self.keptWhole != 0 ? Int(bits & ~Self.keptWhole) : nil
    }

    /// The span, for a place packed here (nil for none, and for one kept whole).
    func packedSpan(from baseLine: Int32) -> SourceSpan? {
        guard bits != 0, bits & Self.keptWhole == 0 else { return nil }
        let line = baseLine + (Int32(bits & 0x7FF) - 1)
        let column = Int32((bits >> 11) & 0x7FF)
        let width = Int32((bits >> 22) & 0x1FF)
        return SourceSpan(start: SourcePosition(line: line, column: column), end: SourcePosition(line: line, column: column + width))
    }
}

/// One field of a statement (its actions, resources, ...) read as located values, made
/// as they are read from the statement's compact storage.
public struct StatementValues: RandomAccessCollection, Sendable {
    private let statement: PermissionStatement
    public let startIndex: Int
    public let endIndex: Int

    init(_ statement: PermissionStatement, _ range: Range<Int>) {
        self.statement = statement
        startIndex = range.lowerBound
        endIndex = range.upperBound
    }

    public subscript(position: Int) -> Located<String> {
        precondition(position >= startIndex && position < endIndex, "index out of range")
        return statement.value(at: position)
    }
}

/// Compared and hashed by the values they show, as the array slices they replaced were.
extension StatementValues: Equatable, Hashable {
    public static func == (lhs: StatementValues, rhs: StatementValues) -> Bool {
        lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for value in self { hasher.combine(value) }
    }
}
