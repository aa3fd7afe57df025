import IdlintSyntax

/// A framework's control catalog, as data from `rulesets/frameworks/`.
public struct Catalog: Sendable {
    public var id: String
    public var title: String
    public var version: String
    public var published: String?
    public var source: String
    public var confidence: String
    public var notes: String?
    public var controls: [Control]

    public struct Control: Sendable {
        public enum Assessable: String, Sendable {
            case `static`, partial, none
        }

        public var id: String
        public var title: String
        public var summary: String
        public var group: String?
        public var assessable: Assessable
        public var outOfScope: String?
    }

    /// Ids as rules name them: `CATALOG:CONTROL`.
    public var qualifiedControlIDs: [String] { controls.map { "\(id):\($0.id)" } }

    /// A qualified id's catalog and control (`OWASP-NHI-2025:NHI5`), or nil.
    public static func split(_ qualifiedID: String) -> (catalog: String, control: String)? {
        guard let colon = qualifiedID.firstIndex(of: ":") else { return nil }
        return (String(qualifiedID[..<colon]), String(qualifiedID[qualifiedID.index(after: colon)...]))
    }

    static func parse(_ root: Node) throws -> Catalog {
        let header = try (root["catalog"] ?? root).requireMapping("catalog")
        guard let list = root["controls"], list.isSequence else { throw DataFileError(root, "a catalog needs a 'controls' list") }
        let controls = try list.elements.map { node -> Control in
            _ = try node.requireMapping("a control")
            let assessableText = try node.optionalString("assessable") ?? "partial"
            guard let assessable = Control.Assessable(rawValue: assessableText) else {
                throw DataFileError(node, "assessable must be static, partial or none")
            }
            return Control(id: try node.requiredString("id"), title: try node.requiredString("title"), summary: try node.optionalString("summary") ?? "",
                           group: try node.optionalString("group"), assessable: assessable, outOfScope: try node.optionalString("out_of_scope"))
        }
        return Catalog(id: try header.requiredString("id"), title: try header.requiredString("title"), version: try header.requiredString("version"),
                       published: try header.optionalString("published"), source: try header.requiredString("source"),
                       confidence: try header.optionalString("confidence") ?? "unknown", notes: try header.optionalString("notes"), controls: controls)
    }
}
