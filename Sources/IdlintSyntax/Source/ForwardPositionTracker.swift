/// Turns byte offsets into positions when they are asked for in increasing order, in
/// one pass over the text however many are asked for (a minified 30 MB line included).
struct ForwardPositionTracker {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 1
    private var column = 1

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func position(ofOffset target: Int) -> SourcePosition {
        if target < offset {
            // Out of order: start again from the top. Rare, and still correct.
            offset = 0
            line = 1
            column = 1
        }
        let end = min(target, bytes.count)
        while offset < end {
            let byte = bytes[offset]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            offset += 1
        }
        return SourcePosition(line: line, column: column)
    }
}
