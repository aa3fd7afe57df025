import CLibXML2

/// XML through libxml2 with the network, external entities and DTD loading off. Any
/// DOCTYPE is refused outright: identity XML (SAML and friends) never needs one, and it
/// is where entity bombs and external-entity reads live.
///
/// Each element becomes a mapping tagged with its expanded name (`{namespace}local`):
/// attributes under `@name`, child elements under their local name (repeated in order),
/// and non-blank text under `#text`. Aggregates of many independent parts (SAML
/// `EntitiesDescriptor`) are streamed, one document per part.
public struct XMLParser: DocumentParser {
    public init() {}

    /// libxml2 must be initialised once before threads use it.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String, limits: ParseLimits, emit: (Document) throws -> Void) throws {
        _ = Self.initialised
        if let doctype = Self.doctypeOffset(bytes) {
            let position = LineIndex(bytes).position(ofOffset: doctype, in: bytes)
            throw SyntaxError(.forbiddenConstruct, "DOCTYPE declarations are refused (entity expansion and external entities)", at: position)
        }
        if XMLAggregateStream.isAggregate(bytes) {
            try XMLAggregateStream.parse(bytes, file: file, limits: limits, options: Self.options, emit: emit)
            return
        }
        guard let context = xmlNewParserCtxt() else {
            throw SyntaxError(.malformed, "libxml2 could not allocate a parser")
        }
        defer { xmlFreeParserCtxt(context) }
        // libxml2 goes on after the first well-formedness error and reports a later,
        // less helpful one last; keep the first.
        let firstError = FirstXMLError()
        context.pointee._private = Unmanaged.passUnretained(firstError).toOpaque()
        context.pointee.sax.pointee.serror = { userData, error in
            guard let error, let context = userData?.assumingMemoryBound(to: xmlParserCtxt.self),
                  let box = context.pointee._private else { return }
            Unmanaged<FirstXMLError>.fromOpaque(box).takeUnretainedValue().record(error.pointee)
        }
        let document = bytes.withMemoryRebound(to: CChar.self) { characters in
            xmlCtxtReadMemory(context, characters.baseAddress, Int32(clamping: characters.count), file, nil, Self.options)
        }
        guard let document else {
            if firstError.syntaxError == nil, let last = xmlCtxtGetLastError(context) { firstError.record(last.pointee) }
            throw firstError.syntaxError ?? SyntaxError(.malformed, "XML could not be parsed")
        }
        defer { xmlFreeDoc(document) }
        if document.pointee.intSubset != nil {
            throw SyntaxError(.forbiddenConstruct, "DOCTYPE declarations are refused (entity expansion and external entities)", at: SourcePosition(line: 1, column: 1))
        }
        guard let root = xmlDocGetRootElement(document) else {
            throw SyntaxError(.malformed, "XML document has no root element", at: SourcePosition(line: 1, column: 1))
        }
        var converter = XMLTreeConverter(bytes: bytes, file: file, limits: limits)
        try emit(try converter.document(of: root))
    }

    /// No network, no error printing, CDATA as text, line numbers past 65535.
    static let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)

    /// Offset of a `<!DOCTYPE` before the root element, or nil.
    private static func doctypeOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let needle = Array("<!DOCTYPE".utf8)
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                if bytes[index + 1] != UInt8(ascii: "!") && bytes[index + 1] != UInt8(ascii: "?") {
                    return nil // the root element has started; a DOCTYPE can only come before it
                }
                if needle.indices.allSatisfy({ bytes[index + $0] == needle[$0] }) {
                    return index
                }
            }
            index += 1
        }
        return nil
    }
}

/// The first error libxml2 reported while parsing one document.
final class FirstXMLError {
    private(set) var syntaxError: SyntaxError?

    func record(_ error: xmlError) {
        guard syntaxError == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue || error.level == XML_ERR_NONE else { return }
        let message = error.message.map { String(cString: $0).trimmingCharacters(whereIn: " \n") } ?? "XML could not be parsed"
        let line = Int(error.line)
        let reason: SyntaxError.Reason = error.code == XML_ERR_INVALID_CHAR.rawValue || error.code == XML_ERR_INVALID_ENCODING.rawValue ? .invalidEncoding : .malformed
        syntaxError = SyntaxError(reason, message, at: line > 0 ? SourcePosition(line: line, column: max(Int(error.int2), 1)) : nil)
    }
}

extension String {
    /// Trims scalars of `set`. Scalars, not Characters: "\r\n" in a literal is one
    /// Character, which would leave a lone "\n" untrimmed.
    package func trimmingCharacters(whereIn set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        var view = Substring(self).unicodeScalars
        while let first = view.first, scalars.contains(first) { view.removeFirst() }
        while let last = view.last, scalars.contains(last) { view.removeLast() }
        return String(view)
    }
}
