import IdlintEngine

/// Writes JSON to a report stream as it is produced: containers are opened and closed,
/// members and elements written in order, and nothing is kept but the nesting and a
/// chunk of bytes on their way out. Pretty output indents by two spaces; compact output
/// has no whitespace. Every JSON idlint writes (reports, `JSONValue` serialisation,
/// baselines) goes through here, so escaping and layout are the same everywhere.
///
/// Bytes gather in the writer's own buffer and go to the stream a chunk at a time: a
/// report writes a few hundred pieces per finding, and a shared buffer would pay for
/// each of them. `finish()` hands over the rest; call it once the value is complete.
/// A writer is used through one variable (reporters pass it `inout`): a copy would share
/// its bytes and its nesting.
public struct JSONWriter {
    /// The bytes and the nesting. A final class, so the many small writes of a report
    /// work on its fields in place: kept in the struct, every write retained and released
    /// the buffer and the nesting list, which was a fifth of writing a SARIF report.
    private let output: JSONOutput

    public init(_ stream: ReportStream, pretty: Bool = true) {
        output = JSONOutput(stream: stream, pretty: pretty)
    }

    private init(_ output: JSONOutput) {
        self.output = output
    }

    /// Hands every byte written so far to the stream.
    public mutating func finish() {
        output.handOver()
    }

    /// Writes `count` elements of the open array, `write(range, &writer)` writing exactly
    /// one element per index of each range, on up to `workers` threads. The elements of a
    /// report are independent, so each thread writes a batch into a buffer of its own, and
    /// the buffers are copied out in order: the bytes are those of writing every element
    /// here one after another, and memory holds one batch per thread, not the report. A
    /// caller that skipped an index or wrote two would misplace commas only above one
    /// batch, which small tests do not reach: filter before, not inside.
    public mutating func elements(count: Int, workers: Int, _ write: @Sendable (Range<Int>, inout JSONWriter) -> Void) {
        let batch = Self.elementsPerBatch
        guard workers > 1, count > batch, output.isInsideArray else { return write(0..<count, &self) }
        let (levels, pretty) = (output.levels, output.pretty)
        var start = 0
        // Each round's buffers serve the next: a batch of results is megabytes, and a new
        // buffer for each would be mapped fresh and fault in every page it grows through.
        var spare: [JSONOutput] = []
        while start < count {
            let batches = min(workers, (count - start + batch - 1) / batch)
            let (roundStart, buffers) = (start, spare)
            let parts = parallelMap(batches, workers: workers) { part -> JSONOutput in
                let range = (roundStart + part * batch)..<min(count, roundStart + (part + 1) * batch)
                // Inside the same containers, with the elements before the batch counted:
                // its first element gets the comma and the indentation it would have here.
                let inside = part < buffers.count ? buffers[part] : JSONOutput(stream: nil, pretty: pretty)
                inside.restart(inside: levels)
                if range.lowerBound > 0 { inside.markEntryWritten() }
                var writer = JSONWriter(inside)
                write(range, &writer)
                return inside
            }
            for part in parts { output.append(batch: part) }
            spare = parts
            start += batches * batch
        }
        output.markEntryWritten()
    }

    /// Elements per batch: enough that a thread's start and the copy out are small
    /// beside writing them, few enough that a batch of results is a few megabytes.
    static let elementsPerBatch = 1024

    public mutating func beginObject() {
        output.begin(UInt8(ascii: "{"), isArray: false)
    }

    public mutating func endObject() {
        output.close(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        output.begin(UInt8(ascii: "["), isArray: true)
    }

    public mutating func endArray() {
        output.close(UInt8(ascii: "]"))
    }

    /// Starts an object member named in the source; its value is the next thing written.
    /// Such a name is plain ASCII (checked in debug builds) and copied as it is: escaping
    /// every key as text was a fifth of writing a SARIF report.
    public mutating func key(_ name: StaticString) {
        output.key(name)
    }

    /// Starts an object member whose name is data (a `JSONValue` object's, a catalog's).
    public mutating func key(text name: String) {
        output.key(text: name)
    }

    public mutating func string(_ text: String) {
        output.beforeValue()
        Self.writeString(text, to: output)
    }

    public mutating func integer(_ value: Int) {
        output.beforeValue()
        Self.writeDecimal(value, to: output)
    }

    public mutating func number(_ value: Double) {
        output.beforeValue()
        output.append(text: value.isFinite ? String(value) : "null")
    }

    public mutating func bool(_ value: Bool) {
        output.beforeValue()
        output.append(value ? "true" : "false")
    }

    public mutating func null() {
        output.beforeValue()
        output.append("null")
    }

    /// A whole tree, for the small parts of a report that are easier built than streamed.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .string(let text): string(text)
        case .integer(let number): integer(number)
        case .number(let number): self.number(number)
        case .bool(let flag): bool(flag)
        case .null: null()
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let members):
            beginObject()
            for (name, member) in members {
                key(text: name)
                self.value(member)
            }
            endObject()
        }
    }

    // Convenience members: `member("id", "x")` is `key("id")` then `string("x")`.
    public mutating func member(_ name: StaticString, _ text: String) {
        key(name)
        string(text)
    }

    public mutating func member(_ name: StaticString, _ number: Int) {
        key(name)
        integer(number)
    }

    public mutating func member(_ name: StaticString, _ flag: Bool) {
        key(name)
        bool(flag)
    }

    public mutating func member(_ name: StaticString, _ tree: JSONValue) {
        key(name)
        value(tree)
    }

    /// A member only when there is a value: JSON reports leave absent facts out.
    public mutating func member(_ name: StaticString, ifPresent text: String?) {
        if let text { member(name, text) }
    }

    /// An array of strings as one member.
    public mutating func member(_ name: StaticString, strings: [String]) {
        key(name)
        beginArray()
        for text in strings { string(text) }
        endArray()
    }

    /// An integer in decimal, without making a `String` of it.
    static func writeDecimal(_ value: Int, to output: JSONOutput) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // Digits are written backwards into a small buffer, then copied: reversing them in
        // the output went through a slice of it and cost 700 instructions a number.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            output.append(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, and U+2028 and
    /// U+2029 too (JavaScript reads them as line ends). Text without any of these, the
    /// usual case, is copied in one piece, and is looked at eight bytes at a time.
    static func writeString(_ text: String, to output: JSONOutput) {
        output.append(UInt8(ascii: "\""))
        // Native strings are contiguous and are read where they lie; only another kind
        // is copied to be made so.
        if text.utf8.withContiguousStorageIfAvailable({ writeEscaped($0, to: output) }) == nil {
            var copy = text
            copy.withUTF8 { writeEscaped($0, to: output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: JSONOutput) {
        var clean = 0
        var index = 0
        while index < bytes.count {
            if let word = ByteWords.word(bytes, at: index), !mayNeedEscape(word) {
                index += 8
                continue
            }
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2 else {
                index += 1
                continue
            }
            let escape: [UInt8]
            var length = 1
            switch byte {
            case UInt8(ascii: "\""): escape = Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): escape = Array(#"\\"#.utf8)
            case UInt8(ascii: "\n"): escape = Array(#"\n"#.utf8)
            case UInt8(ascii: "\r"): escape = Array(#"\r"#.utf8)
            case UInt8(ascii: "\t"): escape = Array(#"\t"#.utf8)
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                guard index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 else {
                    index += 1
                    continue
                }
                escape = Array((bytes[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
                length = 3
            default:
                escape = Array(#"\u00"#.utf8) + [hexDigit(byte >> 4), hexDigit(byte & 0xF)]
            }
            output.append(UnsafeBufferPointer(rebasing: bytes[clean..<index]))
            escape.withUnsafeBufferPointer { output.append($0) }
            index += length
            clean = index
        }
        output.append(UnsafeBufferPointer(rebasing: bytes[min(clean, bytes.count)...]))
    }

    /// Whether any of eight bytes may need escaping: one below 0x20, a quote, a backslash,
    /// or 0xE2 (the lead byte of U+2028 and U+2029). Exact about "none"; a yes is looked
    /// at byte by byte.
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        ByteWords.hasByte(word, below: 0x20) || ByteWords.hasByte(word, equalTo: 0x22) || ByteWords.hasByte(word, equalTo: 0x5C)
            || ByteWords.hasByte(word, equalTo: 0xE2)
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

/// A JSON writer's bytes on their way to the stream, and the containers open around
/// them. Appending copies bytes in with no uniqueness check or generic collection path:
/// those were a fifth of writing a report, made of a few hundred small pieces per
/// finding. A writer is used through one variable (reporters pass it `inout`), so its
/// output is never shared; a batch writer's output passes, once full, from the thread
/// that filled it to the one that writes it out.
final class JSONOutput: @unchecked Sendable {
    /// Where bytes go; nil for the output of one batch of `elements(count:workers:_:)`,
    /// whose bytes stay here until the writer it works for copies them out.
    private let stream: ReportStream?
    let pretty: Bool
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// For each open container, outermost first: bit 0 set for an array, bit 1 once it
    /// has an entry (which the next one follows with a comma).
    private var levelBase: UnsafeMutablePointer<UInt8>
    private var depth = 0
    private var levelCapacity: Int
    private static let isArrayBit: UInt8 = 1
    private static let hasEntryBit: UInt8 = 2
    /// Bytes gathered before they go to the stream.
    private static let chunk = 1 << 16

    init(stream: ReportStream?, pretty: Bool) {
        self.stream = stream
        self.pretty = pretty
        capacity = Self.chunk + 4096
        base = .allocate(capacity: capacity)
        levelCapacity = 16
        levelBase = .allocate(capacity: levelCapacity)
    }

    deinit {
        base.deallocate()
        levelBase.deallocate()
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// The open containers, to start a batch inside them.
    var levels: [UInt8] { Array(UnsafeBufferPointer(start: levelBase, count: depth)) }

    var isInsideArray: Bool { depth > 0 && levelBase[depth - 1] & Self.isArrayBit != 0 }

    /// Hands every byte gathered so far to the stream (a batch keeps its own).
    func handOver() {
        guard let stream else { return }
        stream.write(bytes)
        count = 0
    }

    /// A finished batch's bytes, in their place after everything written so far.
    func append(batch: JSONOutput) {
        if let stream {
            handOver()
            stream.write(batch.bytes)
        } else {
            append(batch.bytes)
        }
    }

    /// Empties a batch's output, its memory kept, to write a batch inside `levels`.
    func restart(inside levels: [UInt8]) {
        count = 0
        depth = 0
        levels.forEach(pushLevel)
    }

    private func pushLevel(_ level: UInt8) {
        if depth == levelCapacity {
            levelCapacity *= 2
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: levelCapacity)
            grown.initialize(from: levelBase, count: depth)
            levelBase.deallocate()
            levelBase = grown
        }
        levelBase[depth] = level
        depth += 1
    }

    func markEntryWritten() {
        if depth > 0 { levelBase[depth - 1] |= Self.hasEntryBit }
    }

    // MARK: - Layout

    func begin(_ bracket: UInt8, isArray: Bool) {
        beforeValue()
        append(bracket)
        pushLevel(isArray ? Self.isArrayBit : 0)
    }

    func close(_ bracket: UInt8) {
        // A writer that closes more than it opened is a bug; it must not write before the levels.
        precondition(depth > 0, "a JSON container closed that was not open")
        depth -= 1
        if levelBase[depth] & Self.hasEntryBit != 0 { newline() }
        append(bracket)
    }

    func key(_ name: StaticString) {
        startEntry()
        append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes in
            assert(bytes.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }, "a key that needs escaping")
            append(bytes)
        }
        append(UInt8(ascii: "\""))
        afterKey()
    }

    func key(text name: String) {
        startEntry()
        JSONWriter.writeString(name, to: self)
        afterKey()
    }

    private func afterKey() {
        if pretty { append(": ") } else { append(UInt8(ascii: ":")) }
    }

    /// A value inside an array is an entry of its own; inside an object its key came first.
    func beforeValue() {
        if isInsideArray { startEntry() }
    }

    /// Every member and element starts here, so this is where a full chunk is handed on,
    /// whether the report is made of objects or of a long list of strings.
    private func startEntry() {
        if stream != nil, count >= Self.chunk { handOver() }
        guard depth > 0 else { return }
        if levelBase[depth - 1] & Self.hasEntryBit != 0 { append(UInt8(ascii: ",")) }
        levelBase[depth - 1] |= Self.hasEntryBit
        newline()
    }

    private func newline() {
        guard pretty else { return }
        append(UInt8(ascii: "\n"))
        // Copied from a line of spaces: appending a repeated element goes byte by byte,
        // and indentation was a sixth of writing a SARIF report. The line is a static
        // string, not an array, so reading it retains and releases nothing.
        var remaining = 2 * depth
        Self.spaces.withUTF8Buffer { spaces in
            while remaining > 0 {
                let count = min(remaining, spaces.count)
                append(UnsafeBufferPointer(rebasing: spaces[..<count]))
                remaining -= count
            }
        }
    }

    private static let spaces: StaticString = "                                                                                                                                "

    // MARK: - Bytes

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// Text made at run time. Labelled, so that a literal always takes the `StaticString`
    /// overload: given the choice, Swift makes a literal a `String`, whose copy here
    /// retained and released it on every key.
    func append(text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(extra) }
    }

    @inline(never)
    private func grow(_ extra: Int) {
        capacity = max(2 * capacity, count + extra)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.initialize(from: base, count: count)
        base.deallocate()
        base = grown
    }
}
