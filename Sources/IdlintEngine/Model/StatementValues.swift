import IdlintSyntax

/// A statement value as a statement keeps it: its text's id and its place in 12 bytes,
/// where a `Located<String>` takes 32. A large cluster holds millions of these, and
/// nearly every one is a word on one line of a file of ordinary size, so its place fits
/// in eight bytes; a place that does not is kept whole beside the statement's values (see
/// `PermissionStatement`), as is a text `StatementTexts` does not keep.
struct StatementValue: Sendable {
    /// The text's id in `StatementTexts`; with `ownText` set, the index of a text the
    /// statement keeps itself.
    let text: UInt32
    /// The packed place's two halves: as one 64-bit word it would align the value to 8
    /// bytes and make it 16.
    private let placeLow: UInt32
    private let placeHigh: UInt32

    static let ownText: UInt32 = 1 << 31

    init(text: UInt32, place: PackedPlace) {
        self.text = text
        placeLow = UInt32(truncatingIfNeeded: place.bits)
        placeHigh = UInt32(truncatingIfNeeded: place.bits >> 32)
    }

    var place: PackedPlace { PackedPlace(bits: UInt64(placeHigh) << 32 | UInt64(placeLow)) }
}

/// What a `PermissionStatement` holds before its values.
struct StatementHeader: Sendable {
    /// Where each field ends among the values: actions, resources, apiGroups,
    /// resourceNames, and the count of all values, which nonResourceURLs end. 32-bit, with
    /// `isDeny` in the padding after them.
    let ends: (Int32, Int32, Int32, Int32, count: Int32)
    let isDeny: Bool
    let location: SourceLocation?
    /// Both complements, the places too large to pack and the texts not kept by
    /// `StatementTexts`, in one optional reference: nearly every statement has none of them.
    let complements: Complements?

    final class Complements: Sendable {
        let actions: [Located<String>]?
        let resources: [Located<String>]?
        /// The spans of values whose places do not fit in a `PackedPlace`.
        let keptWhole: [SourceSpan]
        /// The texts `StatementTexts` does not keep (too long, or the table is full).
        let ownTexts: [String]

        init(actions: [Located<String>]?, resources: [Located<String>]?, keptWhole: [SourceSpan], ownTexts: [String]) {
            self.actions = actions
            self.resources = resources
            self.keptWhole = keptWhole
            self.ownTexts = ownTexts
        }
    }
}

/// A value's span in one word:
/// - zero: no place (a value of a built-in role);
/// - top bit set: the index of the span kept whole, for a span over several lines, past
///   column 4,194,303 or wider than 511 columns;
/// - otherwise, from the low bits: line (32 bits), column (22), width in columns (9), all
///   on one line.
struct PackedPlace: Sendable, Equatable {
    let bits: UInt64

    static let unwritten = PackedPlace(bits: 0)
    private static let keptWhole: UInt64 = 1 << 63
    private static let columnLimit: Int32 = 1 << 22
    private static let widthLimit: Int32 = 1 << 9

    fileprivate init(bits: UInt64) {
        self.bits = bits
    }

    /// The span packed, or nil when it does not fit.
    init?(packing span: SourceSpan) {
        let width = span.end.column &- span.start.column
        guard span.start.line >= 1, span.end.line == span.start.line, span.start.column >= 0, span.start.column < Self.columnLimit,
              width >= 0, width < Self.widthLimit else { return nil }
        bits = UInt64(UInt32(span.start.line)) | UInt64(span.start.column) << 32 | UInt64(width) << 54
    }

    init(keptWholeAt index: Int) {
        bits = Self.keptWhole | UInt64(index)
    }

    /// Where the span kept whole sits, for a place that is one.
    var keptWholeIndex: Int? {
        bits & Self.keptWhole != 0 ? Int(bits & ~Self.keptWhole) : nil
    }

    /// The span, for a place packed here (nil for none, and for one kept whole).
    var packedSpan: SourceSpan? {
        guard bits != 0, bits & Self.keptWhole == 0 else { return nil }
        let line = Int32(truncatingIfNeeded: bits & 0xFFFF_FFFF)
        let column = Int32(truncatingIfNeeded: (bits >> 32) & UInt64(Self.columnLimit - 1))
        let width = Int32(truncatingIfNeeded: bits >> 54)
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
