import IdlintSyntax

/// A published cross-map between catalogs (OWASP's NHI-to-ASI table), kept as data so
/// that a report can show both views of one risk. Links go both ways.
public struct CrossMap: Sendable {
    public var id: String
    public var source: String
    /// Pairs of qualified control ids (`OWASP-NHI-2025:NHI2`, `OWASP-ASI-2026:ASI06`).
    public var links: [(String, String)]

    static func parse(_ root: Node) throws -> CrossMap {
        let header = try (root["crossmap"] ?? root).requireMapping("crossmap")
        guard let rows = header["rows"], rows.isSequence else { throw DataFileError(header, "a crossmap needs a 'rows' list") }
        var links: [(String, String)] = []
        for row in rows.elements {
            guard let nhi = row.string("nhi") else { throw DataFileError(row, "a crossmap row needs 'nhi'") }
            for asi in try row.stringList("asi") ?? [] { links.append(("OWASP-NHI-2025:\(nhi)", "OWASP-ASI-2026:\(asi)")) }
            for threat in try row.stringList("tcodes") ?? [] { links.append(("OWASP-NHI-2025:\(nhi)", "OWASP-AITM-1.0:\(threat)")) }
        }
        return CrossMap(id: try header.requiredString("id"), source: try header.requiredString("source"), links: links)
    }

    /// The controls linked to `control`, in either direction.
    public func related(to control: String) -> [String] {
        links.compactMap { $0.0 == control ? $0.1 : $0.1 == control ? $0.0 : nil }
    }
}
