import IdlintEngine

/// The change gate as JSON, schema `idlint-diff/1` (see docs/json-format.md).
public struct DiffJSONReporter: DiffReporter {
    public init() {}

    public func render(_ input: DiffReportInput) -> String {
        let comparison = input.comparison
        let findingWriter = JSONReporter()
        let report = JSONValue.object([
            ("schema", .string("idlint-diff/1")),
            ("tool", .object([("name", .string("idlint")), ("version", .string(input.toolVersion))])),
            ("gate", .object([
                ("verdict", .string(comparison.verdict.rawValue)),
                ("actor", .string(comparison.actor.rawValue)),
                ("reasons", .array(comparison.reasons.map(JSONValue.string))),
            ])),
            ("summary", .object([
                ("new", .integer(input.count(.new))), ("updated", .integer(input.count(.updated))),
                ("unchanged", .integer(input.count(.unchanged))), ("fixed", .integer(input.count(.absent))),
                ("principalsWithGains", .integer(comparison.privilegeDelta.count { !$0.gained.isEmpty })),
                ("changedElements", .integer(comparison.changes.count)),
            ])),
            ("findings", .array(comparison.findings.map { findingWriter.finding(input.scanInput, $0) })),
            ("privilegeDelta", .array(comparison.privilegeDelta.map { delta in
                .object([
                    ("principal", .string("\(delta.principal)")),
                    ("new", .bool(delta.isNew)),
                    ("agent", .bool(delta.isAgent)),
                    ("gained", .array(delta.gained.map { .string($0.description) })),
                    ("lost", .array(delta.lost.map { .string($0.description) })),
                    ("through", .array(delta.grantedThrough.map(JSONValue.string))),
                    ("becameStanding", .array(delta.becameStanding.map { .string($0.description) })),
                ])
            })),
            ("credentialDelta", .array(comparison.credentialDelta.map(Self.credentialChange))),
            ("surfaces", .array(comparison.surfacesTouched(input.library).map { surface, changes in
                .object([
                    ("id", .string(surface.id)),
                    ("title", .string(surface.title)),
                    ("changes", .array(changes.map { change in
                        .object([
                            ("change", .string(change.change.rawValue)),
                            ("object", .string(change.object)),
                            ("path", .string(change.path)),
                            ("location", JSONReporter.location(change.location)),
                        ])
                    })),
                ])
            })),
            ("diagnostics", .array(comparison.head.diagnostics.map(JSONReporter.diagnostic))),
        ])
        return report.serialized() + "\n"
    }

    private static func credentialChange(_ change: CredentialChange) -> JSONValue {
        let credential = change.credential
        let location: JSONValue = credential.location.map(JSONReporter.location) ?? .null
        return .object([
            ("change", .string(change.change.rawValue)), ("owner", .string("\(credential.owner)")), ("kind", .string(credential.kind.rawValue)),
            ("id", .string(credential.id)), ("storedIn", .string(credential.storedIn)),
            ("expires", credential.expires.map(JSONValue.string) ?? .null), ("previousExpiry", change.previousExpiry.map(JSONValue.string) ?? .null),
            ("location", location), ("description", .string(change.description)),
        ])
    }
}
