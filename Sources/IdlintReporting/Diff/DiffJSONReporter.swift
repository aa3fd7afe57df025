import IdlintEngine

/// The change gate as JSON, schema `idlint-diff/1` (see docs/json-format.md).
public struct DiffJSONReporter: DiffReporter {
    public init() {}

    public func write(_ input: DiffReportInput, to stream: ReportStream) {
        let comparison = input.comparison
        let scanInput = input.scanInput
        var json = JSONWriter(stream)
        json.beginObject()
        json.member("schema", "idlint-diff/1")
        json.member("tool", JSONReporter.tool(input.toolVersion))
        json.member("gate", .object([
            ("verdict", .string(comparison.verdict.rawValue)),
            ("actor", .string(comparison.actor.rawValue)),
            ("reasons", .array(comparison.reasons.map(JSONValue.string))),
        ]))
        json.member("summary", .object([
            ("new", .integer(input.count(.new))), ("updated", .integer(input.count(.updated))),
            ("unchanged", .integer(input.count(.unchanged))), ("fixed", .integer(input.count(.absent))),
            ("principalsWithGains", .integer(comparison.privilegeDelta.count { !$0.gained.isEmpty })),
            ("changedElements", .integer(comparison.changes.count)),
        ]))
        json.key("findings")
        json.beginArray()
        for finding in comparison.findings { JSONReporter.write(finding, scanInput, to: &json) }
        json.endArray()
        json.key("privilegeDelta")
        json.beginArray()
        for delta in comparison.privilegeDelta {
            json.value(.object([
                ("principal", .string("\(delta.principal)")),
                ("new", .bool(delta.isNew)),
                ("agent", .bool(delta.isAgent)),
                ("gained", .array(delta.gained.map { .string($0.description) })),
                ("lost", .array(delta.lost.map { .string($0.description) })),
                ("through", .array(delta.grantedThrough.map(JSONValue.string))),
                ("becameStanding", .array(delta.becameStanding.map { .string($0.description) })),
            ]))
        }
        json.endArray()
        json.key("credentialDelta")
        json.beginArray()
        for change in comparison.credentialDelta { Self.write(change, to: &json) }
        json.endArray()
        json.key("surfaces")
        json.beginArray()
        for (surface, changes) in comparison.surfacesTouched(input.library) {
            json.beginObject()
            json.member("id", surface.id)
            json.member("title", surface.title)
            json.key("changes")
            json.beginArray()
            for change in changes {
                json.beginObject()
                json.member("change", change.change.rawValue)
                json.member("object", change.object)
                json.member("path", change.path)
                json.key("location")
                JSONReporter.write(change.location, to: &json)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("diagnostics")
        json.beginArray()
        for diagnostic in comparison.head.diagnostics { json.value(JSONReporter.diagnostic(diagnostic)) }
        json.endArray()
        json.endObject()
        json.finish()
        stream.write("\n")
    }

    private static func write(_ change: CredentialChange, to json: inout JSONWriter) {
        let credential = change.credential
        json.beginObject()
        json.member("change", change.change.rawValue)
        json.member("owner", "\(credential.owner)")
        json.member("kind", credential.kind.rawValue)
        json.member("id", credential.id)
        json.member("storedIn", credential.storedIn)
        json.member("expires", credential.expires.map(JSONValue.string) ?? .null)
        json.member("previousExpiry", change.previousExpiry.map(JSONValue.string) ?? .null)
        json.key("location")
        if let location = credential.location { JSONReporter.write(location, to: &json) } else { json.null() }
        json.member("description", change.description)
        json.endObject()
    }
}
