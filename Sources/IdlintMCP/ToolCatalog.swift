import MCP

/// The tools the agent interface offers, with the JSON schemas of what they take and
/// what they return (also in the README).
/// All are read-only: they never change the root, and say so in their annotations.
enum ToolCatalog {
    static let fileList: Value = .object([
        "type": "array",
        "items": .object([
            "type": "object",
            "properties": .object([
                "name": .object(["type": "string", "description": "Path relative to the root; its extension and name decide the format."]),
                "content": .object(["type": .array(["string", "null"]), "description": "The file's text."]),
            ]),
            "required": .array(["name"]),
            "additionalProperties": false,
        ]),
    ])

    static let readOnly = Tool.Annotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)

    static let tools: [Tool] = [
        Tool(
            name: "scan",
            title: "Scan identity configuration",
            description: """
            Scan files under the root (paths relative to it) and/or files given inline (name and content) for identity \
            configuration risks: RBAC, IAM, OIDC, SAML, CI credentials. Returns findings with rule, severity, location, \
            message, controls and remediation; secrets are redacted. With no arguments, scans the whole root.
            """,
            inputSchema: .object([
                "type": "object",
                "properties": .object([
                    "paths": .object(["type": "array", "items": .object(["type": "string"]), "description": "Files or folders relative to the root."]),
                    "files": fileList,
                ]),
                "additionalProperties": false,
            ]),
            annotations: readOnly,
            outputSchema: ToolOutputSchemas.scan
        ),
        Tool(
            name: "check_change",
            title: "Judge a proposed identity change",
            description: """
            Compare a change with its base, exactly as `idlint diff` does: the gate verdict (pass, review, block) with \
            reasons, the findings the change adds, each principal's privilege delta and the sensitive surfaces it touches. \
            Give 'base' (and optionally 'head') as git revisions of the root, or 'changes': proposed new contents (null \
            content deletes) compared with the root's current files.
            """,
            inputSchema: .object([
                "type": "object",
                "properties": .object([
                    "base": .object(["type": "string", "description": "Git revision of the base, such as origin/main."]),
                    "head": .object(["type": "string", "description": "Git revision of the head (default: the working tree)."]),
                    "changes": fileList,
                    "actor": .object(["type": "string", "enum": .array(["auto", "agent", "human"]),
                                      "description": "Who proposed it (default auto: proposals are an agent's; commits are judged by author)."]),
                ]),
                "additionalProperties": false,
            ]),
            annotations: readOnly,
            outputSchema: ToolOutputSchemas.checkChange
        ),
        Tool(
            name: "explain_rule",
            title: "Explain a rule",
            description: "A rule's title, severity, rationale, remediation, framework controls and what it applies to.",
            inputSchema: .object([
                "type": "object",
                "properties": .object(["rule": .object(["type": "string", "description": "Rule id, such as K8S-SECRETS-READ."])]),
                "required": .array(["rule"]),
                "additionalProperties": false,
            ]),
            annotations: readOnly,
            outputSchema: ToolOutputSchemas.explainRule
        ),
        Tool(
            name: "map_controls",
            title: "Map rules or findings to framework controls",
            description: """
            The controls of a framework (OWASP-NHI-2025, OWASP-ASI-2026, CSA-MAESTRO-2025, NIST-AI-RMF-1.0, ... or all) \
            that a set of rules or findings touch, with each control's title and the rules behind it.
            """,
            inputSchema: .object([
                "type": "object",
                "properties": .object([
                    "framework": .object(["type": "string", "description": "Catalog id or prefix (OWASP-NHI), or all (default)."]),
                    "rules": .object(["type": "array", "items": .object(["type": "string"])]),
                    "findings": .object(["type": "array", "items": .object(["type": "object"]), "description": "Findings as scan returns them (their ruleId is read)."]),
                ]),
                "additionalProperties": false,
            ]),
            annotations: readOnly,
            outputSchema: ToolOutputSchemas.mapControls
        ),
    ]
}
