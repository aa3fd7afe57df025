/// Byte offsets of line starts, for turning an offset into a line and a column in
/// Unicode scalars. Built once per file, only where a parser does not count lines itself.
package struct LineIndex: Sendable {
    private let lineStarts: [Int]

    package init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var starts = [0]
        for index in bytes.indices where bytes[index] == 0x0A {
            starts.append(index + 1)
        }
        lineStarts = starts
    }

    package func position(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let column = UTF8Text.scalarCount(bytes, from: lineStarts[low], to: min(offset, bytes.count))
        return SourcePosition(line: low + 1, column: column + 1)
    }
}
