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
public struct JSONWriter {
    /// Where bytes go; nil for a writer of one batch of `elements(count:workers:_:)`,
    /// whose bytes stay in its buffer until the writer it works for copies them out.
    private let stream: ReportStream?
    private let pretty: Bool
    /// For each open container: whether it is an array, and how many entries it has.
    private var open: [(isArray: Bool, count: Int)] = []
    private let pending = PendingBytes(capacity: JSONWriter.chunk + 4096)
    private static let chunk = 1 << 16

    public init(_ stream: ReportStream, pretty: Bool = true) {
        self.stream = stream
        self.pretty = pretty
        open.reserveCapacity(16)
    }

    /// A writer of one batch of elements inside the containers `open`.
    private init(batchInside open: [(isArray: Bool, count: Int)], pretty: Bool) {
        stream = nil
        self.pretty = pretty
        self.open = open
    }

    /// Hands every byte written so far to the stream.
    public mutating func finish() {
        guard let stream else { return }
        stream.write(pending.bytes)
        pending.removeAll()
    }

    private mutating func handOverIfFull() {
        if stream != nil, pending.count >= Self.chunk { finish() }
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
        guard workers > 1, count > batch, let last = open.last, last.isArray else { return write(0..<count, &self) }
        var start = 0
        while start < count {
            let batches = min(workers, (count - start + batch - 1) / batch)
            let (open, pretty, roundStart) = (self.open, self.pretty, start)
            let parts = parallelMap(batches, workers: workers) { part -> PendingBytes in
                let range = (roundStart + part * batch)..<min(count, roundStart + (part + 1) * batch)
                // Inside the same containers, with the elements before the batch counted:
                // its first element gets the comma and the indentation it would have here.
                var inside = open
                inside[inside.count - 1].count += range.lowerBound
                var writer = JSONWriter(batchInside: inside, pretty: pretty)
                write(range, &writer)
                return writer.pending
            }
            for part in parts {
                if let stream {
                    finish()
                    stream.write(part.bytes)
                } else {
                    pending.append(part.bytes)
                }
            }
            start += batches * batch
        }
        open[open.count - 1].count += count
    }

    /// Elements per batch: enough that a thread's start and the copy out are small
    /// beside writing them, few enough that a batch of results is a few megabytes.
    static let elementsPerBatch = 1024

    public mutating func beginObject() {
        beforeValue()
        pending.append(UInt8(ascii: "{"))
        open.append((false, 0))
    }

    public mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        beforeValue()
        pending.append(UInt8(ascii: "["))
        open.append((true, 0))
    }

    public mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// Starts an object member; its value is the next thing written.
    public mutating func key(_ name: String) {
        startEntry()
        Self.writeString(name, to: pending)
        if pretty { append(": ") } else { pending.append(UInt8(ascii: ":")) }
    }

    public mutating func string(_ text: String) {
        beforeValue()
        Self.writeString(text, to: pending)
    }

    public mutating func integer(_ value: Int) {
        beforeValue()
        Self.writeDecimal(value, to: pending)
    }

    public mutating func number(_ value: Double) {
        beforeValue()
        append(value.isFinite ? String(value) : "null")
    }

    public mutating func bool(_ value: Bool) {
        beforeValue()
        append(value ? "true" : "false")
    }

    public mutating func null() {
        beforeValue()
        append("null")
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { pending.append($0) }
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { pending.append($0) }
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
                key(name)
                self.value(member)
            }
            endObject()
        }
    }

    // Convenience members: `member("id", "x")` is `key("id")` then `string("x")`.
    public mutating func member(_ name: String, _ text: String) {
        key(name)
        string(text)
    }

    public mutating func member(_ name: String, _ number: Int) {
        key(name)
        integer(number)
    }

    public mutating func member(_ name: String, _ flag: Bool) {
        key(name)
        bool(flag)
    }

    public mutating func member(_ name: String, _ tree: JSONValue) {
        key(name)
        value(tree)
    }

    /// A member only when there is a value: JSON reports leave absent facts out.
    public mutating func member(_ name: String, ifPresent text: String?) {
        if let text { member(name, text) }
    }

    /// An array of strings as one member.
    public mutating func member(_ name: String, strings: [String]) {
        key(name)
        beginArray()
        for text in strings { string(text) }
        endArray()
    }

    // MARK: - Layout

    /// A value inside an array is an entry of its own; inside an object its key came first.
    private mutating func beforeValue() {
        if let last = open.last, last.isArray { startEntry() }
    }

    /// Every member and element starts here, so this is where a full chunk is handed on,
    /// whether the report is made of objects or of a long list of strings.
    private mutating func startEntry() {
        handOverIfFull()
        guard !open.isEmpty else { return }
        if open[open.count - 1].count > 0 { pending.append(UInt8(ascii: ",")) }
        open[open.count - 1].count += 1
        newline(depth: open.count)
    }

    private mutating func close(_ bracket: UInt8) {
        let container = open.removeLast()
        if container.count > 0 { newline(depth: open.count) }
        pending.append(bracket)
    }

    private mutating func newline(depth: Int) {
        guard pretty else { return }
        pending.append(UInt8(ascii: "\n"))
        // Copied from a line of spaces: appending a repeated element goes byte by byte,
        // and indentation was a sixth of writing a SARIF report.
        var remaining = 2 * depth
        while remaining > 0 {
            let count = min(remaining, Self.spaces.count)
            Self.spaces.withUnsafeBufferPointer { pending.append(UnsafeBufferPointer(rebasing: $0[..<count])) }
            remaining -= count
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 128)

    /// An integer in decimal, without making a `String` of it.
    static func writeDecimal(_ value: Int, to output: PendingBytes) {
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
    static func writeString(_ text: String, to output: PendingBytes) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
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
        output.append(UInt8(ascii: "\""))
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

/// A JSON writer's bytes on their way to the stream. Appending copies them in with no
/// uniqueness check or generic collection path: those were a fifth of writing a report,
/// made of a few hundred small pieces per finding. A writer is used through one
/// variable (reporters pass it `inout`), so its buffer is never shared; a batch writer's
/// buffer passes, once full, from the thread that filled it to the one that writes it out.
final class PendingBytes: @unchecked Sendable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

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

    func removeAll() {
        count = 0
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
