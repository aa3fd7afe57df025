import CLibXML2

/// Streams an aggregate: a root whose children are many independent parts, such as a
/// SAML federation's `EntitiesDescriptor` of thousands of `EntityDescriptor`s (tens of
/// MB). libxml2's reader expands one part at a time and frees it when it moves on, so
/// the working set is one part, not the whole tree. The file becomes a document for the
/// root (its attributes and the children that are not parts, such as its Signature),
/// then one document per part, in order.
struct XMLAggregateStream {
    /// Root elements streamed this way, by local name.
    static let aggregateRoots: Set<String> = ["EntitiesDescriptor"]
    /// Children that become documents of their own (a nested group of entities is one).
    static let partNames: Set<String> = ["EntityDescriptor", "EntitiesDescriptor"]

    /// Whether the file's root element is an aggregate, read from the bytes before any
    /// parsing: the first start tag that is not a declaration, comment or instruction.
    static func isAggregate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 1 < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "<") else { continue }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "?") || next == UInt8(ascii: "!") { continue }
            var end = index + 1
            while end < bytes.count, !Self.endsName(bytes[end]) { end += 1 }
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self)
            let local = name.split(separator: ":").last.map(String.init) ?? name
            return aggregateRoots.contains(local)
        }
        return false
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String, limits: ParseLimits, options: Int32, emit: (Document) throws -> Void) throws {
        let firstError = FirstXMLError()
        let reader = bytes.withMemoryRebound(to: CChar.self) { characters in
            xmlReaderForMemory(characters.baseAddress, Int32(clamping: characters.count), file, nil, options)
        }
        guard let reader else { throw SyntaxError(.malformed, "libxml2 could not allocate a reader") }
        defer { xmlFreeTextReader(reader) }
        let handler: xmlStructuredErrorFunc = { userData, error in
            guard let userData, let error else { return }
            Unmanaged<FirstXMLError>.fromOpaque(userData).takeUnretainedValue().record(error.pointee)
        }
        xmlTextReaderSetStructuredErrorHandler(reader, handler, Unmanaged.passUnretained(firstError).toOpaque())
        // The reader's input layer reports encoding errors through the thread's handler,
        // which would otherwise print them: route them to the same record while parsing.
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(firstError).toOpaque(), handler)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        func failure() -> SyntaxError {
            firstError.syntaxError ?? SyntaxError(.malformed, "XML could not be parsed")
        }
        let element = Int32(XML_READER_TYPE_ELEMENT.rawValue)

        var status = xmlTextReaderRead(reader)
        while status == 1, xmlTextReaderNodeType(reader) != element { status = xmlTextReaderRead(reader) }
        guard status == 1, let root = xmlTextReaderCurrentNode(reader) else { throw failure() }
        var converter = XMLTreeConverter(bytes: bytes, file: file, limits: limits)
        try converter.openDocument(of: root)
        var rootOpen = true
        if xmlTextReaderIsEmptyElement(reader) == 1 {
            try emit(try converter.finishOpenElement())
            return
        }
        status = xmlTextReaderRead(reader)
        while status == 1 {
            guard xmlTextReaderDepth(reader) == 1, xmlTextReaderNodeType(reader) == element else {
                status = xmlTextReaderRead(reader)
                continue
            }
            guard let child = xmlTextReaderExpand(reader) else { throw failure() }
            if partNames.contains(String(cString: child.pointee.name)) {
                if rootOpen {
                    try emit(try converter.finishOpenElement())
                    rootOpen = false
                }
                try emit(try converter.document(of: child))
            } else if rootOpen {
                try converter.addChild(child)
            } else {
                // Nothing but parts may follow them in an aggregate; keep positions right.
                converter.skipElement(child)
            }
            // Past the child's subtree; the reader frees it.
            status = xmlTextReaderNext(reader)
        }
        if status < 0 || firstError.syntaxError != nil { throw failure() }
        if rootOpen { try emit(try converter.finishOpenElement()) }
    }
}
