import MCP

/// What each tool's structured content holds, as JSON Schema, so that a client can check
/// an answer before trusting it (the Python SDK does, on every call). `scan` and
/// `check_change` return the documented reports (`idlint-report/1`, `idlint-diff/1`,
/// docs/json-format.md); the schemas pin their required fields and types and leave room
/// for fields added within a schema id.
enum ToolOutputSchemas {
    private static func object(_ properties: [String: Value], required: [String]) -> Value {
        .object(["type": "object", "properties": .object(properties), "required": .array(required.map(Value.string))])
    }

    private static func list(_ items: Value) -> Value {
        .object(["type": "array", "items": items])
    }

    private static let text: Value = .object(["type": "string"])
    private static let count: Value = .object(["type": "integer", "minimum": 0])
    private static let flag: Value = .object(["type": "boolean"])
    private static let texts = list(text)
    private static let severity: Value = .object(["type": "string", "enum": .array(["critical", "high", "medium", "low", "info"])])
    private static let tool = object(["name": .object(["const": "idlint"]), "version": text], required: ["name", "version"])
    private static let line: Value = .object(["type": "integer", "minimum": 1])

    private static let location = object(
        ["file": text, "startLine": line, "startColumn": line, "endLine": line, "endColumn": line],
        required: ["file", "startLine", "startColumn"]
    )

    private static let finding = object([
        "ruleId": text, "title": text, "severity": severity, "message": text, "location": location,
        "baselineState": .object(["type": "string", "enum": .array(["new", "unchanged", "updated", "absent"])]),
        "related": list(object(["message": text, "location": location], required: ["message", "location"])),
        "principal": text, "environment": text, "evidence": text, "controls": texts, "remediation": text,
        "fingerprint": .object(["type": "string", "pattern": "^[0-9a-f]{32}$"]),
        "suppression": object(["kind": text, "justification": text, "owner": text, "expires": text], required: ["kind"]),
    ], required: ["ruleId", "severity", "message", "location", "fingerprint"])

    private static let diagnostic = object([
        "level": .object(["type": "string", "enum": .array(["error", "warning", "note"])]),
        "file": text, "line": line, "column": line, "message": text,
    ], required: ["level", "file", "message"])

    static let scan = object([
        "schema": .object(["const": "idlint-report/1"]),
        "tool": tool,
        "summary": object([
            "files": count, "filesRecognised": count, "filesNotRecognised": texts, "pathsExcluded": texts, "bytes": count, "documents": count,
            "objects": .object(["type": "object", "additionalProperties": count]),
            "findings": count, "suppressed": count,
            "bySeverity": .object(["type": "object", "additionalProperties": count]),
            "errors": count,
        ], required: ["files", "findings", "bySeverity", "errors"]),
        "findings": list(finding),
        "diagnostics": list(diagnostic),
    ], required: ["schema", "tool", "summary", "findings", "diagnostics"])

    static let checkChange = object([
        "schema": .object(["const": "idlint-diff/1"]),
        "tool": tool,
        "gate": object([
            "verdict": .object(["type": "string", "enum": .array(["pass", "review", "block"])]),
            "actor": .object(["type": "string", "enum": .array(["agent", "human"])]),
            "reasons": texts,
        ], required: ["verdict", "actor", "reasons"]),
        "summary": object(["new": count, "updated": count, "unchanged": count, "fixed": count, "principalsWithGains": count, "changedElements": count],
                          required: ["new", "updated", "unchanged", "fixed"]),
        "findings": list(finding),
        "privilegeDelta": list(object([
            "principal": text, "new": flag, "agent": flag, "gained": texts, "lost": texts, "through": texts, "becameStanding": texts,
        ], required: ["principal", "gained", "lost"])),
        "credentialDelta": list(object(["change": text, "owner": text, "kind": text, "description": text], required: ["change", "description"])),
        "surfaces": list(object([
            "id": text, "title": text,
            "changes": list(object(["change": text, "object": text, "path": text, "location": location], required: ["change", "object"])),
        ], required: ["id", "changes"])),
        "diagnostics": list(diagnostic),
    ], required: ["schema", "tool", "gate", "summary", "findings", "privilegeDelta", "surfaces", "diagnostics"])

    static let explainRule = object([
        "id": text, "title": text, "severity": severity, "family": text, "rationale": text, "remediation": text,
        "precision": text, "helpUri": text,
        "controls": list(object([
            "id": text,
            "title": .object(["type": .array(["string", "null"])]),
            "why": .object(["type": .array(["string", "null"])]),
        ], required: ["id"])),
        "examples": object(["appliesTo": text, "fixtures": text], required: ["appliesTo"]),
    ], required: ["id", "title", "severity", "rationale", "remediation", "controls"])

    static let mapControls = object([
        "frameworks": texts,
        "controls": list(object([
            "id": text,
            "title": .object(["type": .array(["string", "null"])]),
            "rules": texts,
        ], required: ["id", "rules"])),
        "unknownRules": texts,
    ], required: ["frameworks", "controls"])
}
