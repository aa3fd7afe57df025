/// A JSON tree with ordered keys, for the small parts of reports (a rule's descriptor, a
/// baseline entry) that read better built than streamed; `JSONWriter` writes it.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// Pretty output indents by two spaces; compact output has no whitespace.
    public func serialized(pretty: Bool = true) -> String {
        ReportStream.text { stream in
            var writer = JSONWriter(stream, pretty: pretty)
            writer.value(self)
            writer.finish()
        }
    }
}

extension JSONValue {
    /// An object without the members whose value is nil.
    static func compactObject(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }
}
