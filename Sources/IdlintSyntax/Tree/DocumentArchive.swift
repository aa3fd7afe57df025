/// A parsed document written as two strings and read back without parsing. The built-in
/// rule files are parsed when idlint is built (the EmbedRulesets plugin writes their
/// archives into the binary), so start-up rebuilds their trees from these strings instead
/// of running libyaml over 400 KB of YAML on every run. The tree read back is the one the
/// parser built: same nodes, text, tags and places.
///
/// `numbers` holds every integer of the arena as a little-endian run of 5-bit digits, one
/// ASCII character each: `0`...`O` for a digit with more to come, `P`...`o` for the last.
/// No quote or `#` is among them, so the string fits a raw string literal as it is.
/// `pool` holds the scalar text, then the tags, back to back.
public enum DocumentArchive {
    public static func encode(_ document: Document) -> (numbers: String, pool: String) {
        precondition(document.nodeFiles.isEmpty && document.environment == nil, "only a document read from one file is archived")
        var numbers: [UInt8] = []
        func put(_ value: Int32) {
            precondition(value >= 0, "archived numbers are never negative")
            var rest = UInt32(value)
            while rest >= 32 {
                numbers.append(0x30 + UInt8(rest & 31))
                rest >>= 5
            }
            numbers.append(0x50 + UInt8(rest))
        }
        var pool = document.textPool
        put(Int32(document.records.count))
        put(Int32(document.childIDs.count))
        put(Int32(document.textPool.count))
        put(Int32(document.tags.count))
        for tag in document.tags {
            put(Int32(tag.utf8.count))
            pool += Array(tag.utf8)
        }
        for record in document.records {
            put(Int32(record.kind.rawValue))
            put(Int32(record.style.rawValue))
            put(record.tagIndex + 1)
            put(record.textStart)
            put(record.textLength)
            put(record.childStart)
            put(record.childCount)
            put(record.start.line)
            put(record.start.column)
            put(record.end.line)
            put(record.end.column)
        }
        for child in document.childIDs { put(child) }
        return (String(decoding: numbers, as: UTF8.self), String(decoding: pool, as: UTF8.self))
    }

    /// The document `encode` wrote, as the YAML document of `file`. Traps on a malformed
    /// archive: archives are written by the build, never read from users.
    public static func decode(numbers: String, pool: String, file: String) -> Document {
        var numbers = numbers
        return numbers.withUTF8 { digits in
            var offset = 0
            func next() -> Int32 {
                var value: UInt32 = 0
                var shift: UInt32 = 0
                while true {
                    let digit = digits[offset]
                    offset += 1
                    if digit >= 0x50 { return Int32(bitPattern: value | UInt32(digit - 0x50) << shift) }
                    value |= UInt32(digit - 0x30) << shift
                    shift += 5
                }
            }
            let recordCount = Int(next()), childCount = Int(next()), textCount = Int(next()), tagCount = Int(next())
            let bytes = Array(pool.utf8)
            var tags: [String] = []
            var tagStart = textCount
            for _ in 0..<tagCount {
                let length = Int(next())
                tags.append(String(decoding: bytes[tagStart..<tagStart + length], as: UTF8.self))
                tagStart += length
            }
            var records: [NodeRecord] = []
            records.reserveCapacity(recordCount)
            for _ in 0..<recordCount {
                records.append(NodeRecord(
                    kind: NodeKind(rawValue: UInt8(next()))!, style: ScalarStyle(rawValue: UInt8(next()))!, tagIndex: next() - 1,
                    textStart: next(), textLength: next(), childStart: next(), childCount: next(),
                    start: SourcePosition(line: next(), column: next()), end: SourcePosition(line: next(), column: next())
                ))
            }
            var childIDs: [Int32] = []
            childIDs.reserveCapacity(childCount)
            for _ in 0..<childCount { childIDs.append(next()) }
            precondition(offset == digits.count, "an archive holds exactly one document")
            return Document(origin: SourceOrigin(file: file), indexInFile: 0, syntax: .yaml, records: records, childIDs: childIDs, textPool: Array(bytes[..<textCount]), tags: tags)
        }
    }
}
