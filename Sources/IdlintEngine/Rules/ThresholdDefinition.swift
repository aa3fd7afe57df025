import IdlintSyntax

/// A named bound that rules compare with, its default and what it measures, from a
/// `thresholds:` data file; `.idlint.yaml` can set another value.
public struct ThresholdDefinition: Sendable {
    public var name: String
    public var value: Double
    public var defaultValue: Double
    public var unit: String
    public var description: String

    static func parse(_ table: Node) throws -> [ThresholdDefinition] {
        _ = try table.requireMapping("'thresholds'")
        var definitions: [ThresholdDefinition] = []
        for (key, entry) in table.entries {
            _ = try entry.requireMapping("a threshold")
            try entry.allowOnly(["default", "unit", "description"], in: "a threshold")
            guard let defaultNode = entry["default"], let value = NodeTest.number(defaultNode) else {
                throw DataFileError(entry, "threshold \(key.text) needs a numeric 'default'")
            }
            definitions.append(ThresholdDefinition(name: key.text, value: value, defaultValue: value,
                                                   unit: try entry.requiredString("unit"), description: try entry.requiredString("description")))
        }
        return definitions
    }
}
