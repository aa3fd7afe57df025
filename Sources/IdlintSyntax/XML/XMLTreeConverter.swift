import CLibXML2

/// Walks libxml2 elements into documents. libxml2 keeps no columns (and its line can be
/// past the tag), so positions come from the source: elements appear in the order of
/// their start tags, so one forward pass finds every tag. Elements must therefore be
/// converted (or skipped) in document order, as whole trees or as the streamed parts of
/// an aggregate.
struct XMLTreeConverter {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let limits: ParseLimits
    private var builder: DocumentBuilder
    private var tagCursor = 0
    private var tracker: ForwardPositionTracker
    private var documentsMade = 0

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, limits: ParseLimits) {
        self.bytes = bytes
        self.file = file
        self.limits = limits
        builder = DocumentBuilder(file: file, indexInFile: 0, syntax: .xml, limits: limits)
        tracker = ForwardPositionTracker(bytes: bytes)
    }

    /// The next document of the file: `element` and everything inside it.
    mutating func document(of element: xmlNodePtr) throws -> Document {
        startDocument()
        try convert(element, tagOffset: nextStartTag())
        return try builder.finish()
    }

    /// Opens a document for an aggregate's root: its attributes now, its children as
    /// `addChild` brings them, closed by `finishOpenElement`.
    mutating func openDocument(of element: xmlNodePtr) throws {
        startDocument()
        let offset = nextStartTag()
        try beginElement(element, tagOffset: offset)
    }

    mutating func addChild(_ child: xmlNodePtr) throws {
        let childOffset = nextStartTag()
        let childStart = position(of: childOffset, child)
        try builder.scalar(String(cString: child.pointee.name), style: .quoted, start: childStart, end: childStart)
        try convert(child, tagOffset: childOffset)
    }

    mutating func finishOpenElement() throws -> Document {
        try builder.endContainer(end: SourcePosition(line: 1, column: 1))
        return try builder.finish()
    }

    /// Moves past an element that is not converted, keeping later positions right.
    mutating func skipElement(_ element: xmlNodePtr) {
        _ = nextStartTag()
        var child = element.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { skipElement(current) }
            child = current.pointee.next
        }
    }

    private mutating func startDocument() {
        builder = DocumentBuilder(file: file, indexInFile: documentsMade, syntax: .xml, limits: limits)
        documentsMade += 1
    }

    private mutating func convert(_ element: xmlNodePtr, tagOffset: Int?) throws {
        let start = try beginElement(element, tagOffset: tagOffset)
        try convertChildren(element, start: start, tagOffset: tagOffset)
    }

    /// Where an element's text begins when it comes straight after the start tag (a
    /// certificate, an entity id): the first non-blank byte after the tag's `>`.
    private func firstTextOffset(afterTagAt tagOffset: Int) -> Int? {
        var index = bytes.count
        forEachUnquotedByte(ofTagAt: tagOffset) { offset in
            if bytes[offset] == UInt8(ascii: ">") { index = offset + 1 }
            return index == bytes.count
        }
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] != UInt8(ascii: "<") else { return nil }
        return index
    }

    /// Visits the offsets of a start tag's bytes that are outside quoted attribute
    /// values, from the tag's `<` to its `>`, until `body` returns false.
    private func forEachUnquotedByte(ofTagAt tagOffset: Int, _ body: (Int) -> Bool) {
        var index = tagOffset + 1
        var quote: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else {
                if !body(index) || byte == UInt8(ascii: ">") { return }
            }
            index += 1
        }
    }

    /// An element's mapping with its attributes; its children follow.
    @discardableResult
    private mutating func beginElement(_ element: xmlNodePtr, tagOffset: Int?) throws -> SourcePosition {
        let start = position(of: tagOffset, element)
        try builder.beginContainer(.mapping, tag: Self.expandedName(element), anchor: nil, start: start)
        var attribute = element.pointee.properties
        while let current = attribute {
            let name = Self.attributeName(current)
            let attributeStart = tagOffset.flatMap { locateAttribute(name, after: $0) }
            let position = attributeStart.map { tracker.position(ofOffset: $0) } ?? start
            try builder.scalar("@" + name, style: .quoted, start: position, end: position)
            let value = Self.text(of: current.pointee.children)
            try builder.scalar(value, style: .quoted, start: position, end: position)
            attribute = current.pointee.next
        }
        return start
    }

    /// `tagOffset` (the start tag's place, when known) places text that comes straight
    /// after the tag; it is read only for an element that has text.
    private mutating func convertChildren(_ element: xmlNodePtr, start: SourcePosition, tagOffset: Int? = nil) throws {
        var text = ""
        var textPosition = start
        var sawElement = false
        var child = element.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                sawElement = true
                try addChild(current)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    if text.isEmpty {
                        // Text right after the start tag has an exact place; text after child
                        // elements (mixed content, rare in configuration) gets libxml2's line.
                        if !sawElement, let tagOffset, let textOffset = firstTextOffset(afterTagAt: tagOffset) {
                            textPosition = tracker.position(ofOffset: textOffset)
                        } else {
                            textPosition = SourcePosition(line: max(Int(xmlGetLineNo(current)), 1), column: 1)
                        }
                    }
                    text += String(cString: content)
                }
            default:
                break // comments, processing instructions and entity references carry no configuration
            }
            child = current.pointee.next
        }
        let trimmed = text.trimmingCharacters(whereIn: " \t\r\n")
        if !trimmed.isEmpty {
            try builder.scalar("#text", style: .quoted, start: textPosition, end: textPosition)
            try builder.scalar(trimmed, style: .quoted, start: textPosition, end: textPosition)
        }
        try builder.endContainer(end: start)
    }

    /// Where a tag starts; libxml2's line when the source scan found nothing.
    private mutating func position(of offset: Int?, _ element: xmlNodePtr) -> SourcePosition {
        offset.map { tracker.position(ofOffset: $0) } ?? SourcePosition(line: max(Int(xmlGetLineNo(element)), 1), column: 1)
    }

    /// Offset of the next start tag: a `<` followed by a name, past comments, CDATA,
    /// processing instructions, declarations and end tags.
    private mutating func nextStartTag() -> Int? {
        while tagCursor < bytes.count {
            guard bytes[tagCursor] == UInt8(ascii: "<"), tagCursor + 1 < bytes.count else {
                tagCursor += 1
                continue
            }
            let next = bytes[tagCursor + 1]
            if next == UInt8(ascii: "!") {
                if hasPrefix("<!--", at: tagCursor) {
                    tagCursor = skip(past: "-->", from: tagCursor + 4)
                } else if hasPrefix("<![CDATA[", at: tagCursor) {
                    tagCursor = skip(past: "]]>", from: tagCursor + 9)
                } else {
                    tagCursor = skip(past: ">", from: tagCursor + 2)
                }
            } else if next == UInt8(ascii: "?") {
                tagCursor = skip(past: "?>", from: tagCursor + 2)
            } else if next == UInt8(ascii: "/") {
                tagCursor = skip(past: ">", from: tagCursor + 2)
            } else {
                let found = tagCursor
                tagCursor += 1
                return found
            }
        }
        return nil
    }

    private func hasPrefix(_ text: StaticString, at index: Int) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return UnsafeBufferPointer(start: text.utf8Start, count: count).elementsEqual(UnsafeBufferPointer(rebasing: bytes[index..<index + count]))
    }

    private func skip(past terminator: StaticString, from index: Int) -> Int {
        var position = index
        while position < bytes.count {
            if hasPrefix(terminator, at: position) { return position + terminator.utf8CodeUnitCount }
            position += 1
        }
        return bytes.count
    }

    /// Offset of `name=` inside the start tag that begins at `tagOffset`.
    private func locateAttribute(_ name: String, after tagOffset: Int) -> Int? {
        let needle = Array(name.utf8)
        var found: Int?
        forEachUnquotedByte(ofTagAt: tagOffset) { index in
            guard index + needle.count < bytes.count, isSpace(bytes[index - 1]), matches(needle, at: index) else { return true }
            var after = index + needle.count
            while after < bytes.count, isSpace(bytes[after]) { after += 1 }
            if after < bytes.count, bytes[after] == UInt8(ascii: "=") { found = index }
            return found == nil
        }
        return found
    }

    private func matches(_ needle: [UInt8], at index: Int) -> Bool {
        for (offset, byte) in needle.enumerated() where bytes[index + offset] != byte { return false }
        return true
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
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
