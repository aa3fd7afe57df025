import CLibXML2

/// Walks a libxml2 tree into a `DocumentBuilder`. libxml2 records lines but not
/// columns, so the column of each element and attribute is found in the source line.
struct XMLTreeConverter {
    let bytes: UnsafeBufferPointer<UInt8>
    var builder: DocumentBuilder
    private let lines: LineIndex
    /// Start tags already placed on a line, so that repeated names on one line find their own column.
    private var consumedOnLine: [String: Int] = [:]
    private var currentLine = 0

    init(bytes: UnsafeBufferPointer<UInt8>, builder: DocumentBuilder) {
        self.bytes = bytes
        self.builder = builder
        self.lines = LineIndex(bytes)
    }

    mutating func convert(_ element: xmlNodePtr) throws {
        let qualifiedName = Self.qualifiedName(element)
        let line = Int(xmlGetLineNo(element))
        let tagOffset = locateStartTag(qualifiedName, line: line)
        let start = tagOffset.map { lines.position(ofOffset: $0, in: bytes) } ?? SourcePosition(line: max(line, 1), column: 1)
        try builder.beginContainer(.mapping, tag: Self.expandedName(element), anchor: nil, start: start)

        var attribute = element.pointee.properties
        while let current = attribute {
            let name = Self.attributeName(current)
            let attributeStart = tagOffset.flatMap { locateAttribute(name, after: $0) }
            let position = attributeStart.map { lines.position(ofOffset: $0, in: bytes) } ?? start
            try builder.scalar("@" + name, style: .quoted, start: position, end: position)
            let value = Self.text(of: current.pointee.children)
            try builder.scalar(value, style: .quoted, start: position, end: position)
            attribute = current.pointee.next
        }

        var text = ""
        var textLine = line
        var child = element.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let childStart = SourcePosition(line: max(Int(xmlGetLineNo(current)), 1), column: 1)
                try builder.scalar(String(cString: current.pointee.name), style: .quoted, start: childStart, end: childStart)
                try convert(current)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    if text.isEmpty { textLine = Int(xmlGetLineNo(current)) }
                    text += String(cString: content)
                }
            default:
                break // comments, processing instructions and entity references carry no configuration
            }
            child = current.pointee.next
        }
        let trimmed = text.trimmingCharacters(whereIn: " \t\r\n")
        if !trimmed.isEmpty {
            let position = SourcePosition(line: max(textLine, 1), column: 1)
            try builder.scalar("#text", style: .quoted, start: position, end: position)
            try builder.scalar(trimmed, style: .quoted, start: position, end: position)
        }
        try builder.endContainer(end: start)
    }

    /// Offset of this element's `<name` on its line, counting earlier tags of the same name there.
    private mutating func locateStartTag(_ name: String, line: Int) -> Int? {
        guard let lineStart = lines.startOffset(ofLine: line) else { return nil }
        if line != currentLine {
            currentLine = line
            consumedOnLine.removeAll(keepingCapacity: true)
        }
        let needle = Array(("<" + name).utf8)
        var skip = consumedOnLine[name, default: 0]
        var index = lineStart
        while index + needle.count <= bytes.count, bytes[index] != 0x0A {
            if matches(needle, at: index), index + needle.count < bytes.count, isNameEnd(bytes[index + needle.count]) {
                if skip == 0 {
                    consumedOnLine[name, default: 0] += 1
                    return index
                }
                skip -= 1
            }
            index += 1
        }
        return nil
    }

    /// Offset of `name=` inside the start tag that begins at `tagOffset`.
    private func locateAttribute(_ name: String, after tagOffset: Int) -> Int? {
        let needle = Array(name.utf8)
        var index = tagOffset + 1
        var quote: UInt8 = 0
        while index + needle.count < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return nil
            } else if isNameEnd(bytes[index - 1]), matches(needle, at: index) {
                var after = index + needle.count
                while after < bytes.count, isSpace(bytes[after]) { after += 1 }
                if after < bytes.count, bytes[after] == UInt8(ascii: "=") { return index }
            }
            index += 1
        }
        return nil
    }

    private func matches(_ needle: [UInt8], at index: Int) -> Bool {
        for (offset, byte) in needle.enumerated() where bytes[index + offset] != byte { return false }
        return true
    }

    private func isNameEnd(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func qualifiedName(_ node: xmlNodePtr) -> String {
        let local = String(cString: node.pointee.name)
        if let namespace = node.pointee.ns, let prefix = namespace.pointee.prefix {
            return String(cString: prefix) + ":" + local
        }
        return local
    }

    private static func expandedName(_ node: xmlNodePtr) -> String {
        let local = String(cString: node.pointee.name)
        if let namespace = node.pointee.ns, let href = namespace.pointee.href {
            return "{" + String(cString: href) + "}" + local
        }
        return local
    }

    private static func attributeName(_ attribute: xmlAttrPtr) -> String {
        let local = String(cString: attribute.pointee.name)
        if let namespace = attribute.pointee.ns, let prefix = namespace.pointee.prefix {
            return String(cString: prefix) + ":" + local
        }
        return local
    }

    /// Text of an attribute's children. Entity references are skipped, never expanded.
    private static func text(of first: xmlNodePtr?) -> String {
        var result = ""
        var node = first
        while let current = node {
            if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                result += String(cString: content)
            }
            node = current.pointee.next
        }
        return result
    }
}
