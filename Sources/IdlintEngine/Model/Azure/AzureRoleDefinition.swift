import IdlintSyntax

/// An Azure role definition as permission statements: its actions and data actions on
/// its assignable scopes. NotActions subtract, so a role with '*' and NotActions is still
/// read as '*' minus a list, which rules report as the wildcard it is.
public struct AzureRoleDefinition: Sendable {
    public var ref: ObjectRef
    public var statements: [PermissionStatement]

    static func facts(from object: RecognizedObject) -> AzureRoleDefinition {
        let node = object.node
        // CLI form keeps one permission block at the top; ARM and REST keep a list.
        let blocks = node["permissions"]?.elements ?? [node]
        let statements = blocks.map { block -> PermissionStatement in
            // CLI, REST/ARM and Terraform spell the keys three ways.
            let actions = ((block["Actions"] ?? block["actions"])?.scalarItems ?? [])
                + ((block["DataActions"] ?? block["dataActions"] ?? block["data_actions"])?.scalarItems ?? [])
            let located = actions.map(Located.init)
            // Azure scopes are where a role may be assigned, not what it acts on: every resource in them.
            let scopes = node.entry("AssignableScopes")?.key ?? node.entry("assignableScopes")?.key ?? node.entry("assignable_scopes")?.key
            return PermissionStatement(values: located + [Located("*", span: scopes?.span)], counts: (located.count, 1, 0, 0), isDeny: false, location: block.location)
        }
        return AzureRoleDefinition(ref: ObjectRef(kind: "CustomRole", name: object.name ?? "?", location: node.location), statements: statements)
    }
}
