import IdlintSyntax

/// An Azure role definition as permission statements: its actions on every resource of
/// its assignable scopes, and its data actions on the data inside them. NotActions subtract, so a role with '*' and NotActions is still
/// read as '*' minus a list, which rules report as the wildcard it is.
public struct AzureRoleDefinition: Sendable {
    public var ref: ObjectRef
    public var statements: [PermissionStatement]

    static func facts(from object: RecognizedObject) -> AzureRoleDefinition {
        let node = object.node
        // CLI form keeps one permission block at the top; ARM and REST keep a list, and
        // Terraform HCL repeats the block.
        let listed = node.blockBodies("permissions")
        let blocks = listed.isEmpty ? [node] : listed
        // Azure scopes are where a role may be assigned, not what it acts on: every resource in them.
        let scopes = node.entry("AssignableScopes")?.key ?? node.entry("assignableScopes")?.key ?? node.entry("assignable_scopes")?.key
        let statements = blocks.flatMap { block -> [PermissionStatement] in
            // CLI, REST/ARM and Terraform spell the keys three ways. Data actions act on the
            // data inside resources (blobs, secrets, messages), not on the resources and
            // their access: a statement of their own, on 'data', so that '*' there is not
            // read as control of the scope.
            let actions = ((block["Actions"] ?? block["actions"])?.scalarItems ?? []).map(Located.init)
            let dataActions = ((block["DataActions"] ?? block["dataActions"] ?? block["data_actions"])?.scalarItems ?? []).map(Located.init)
            return [(actions, "*"), (dataActions, "data")].compactMap { values, resource in
                values.isEmpty ? nil : PermissionStatement(values: values + [Located(resource, span: scopes?.span)], counts: (values.count, 1, 0, 0),
                                                           isDeny: false, location: block.location)
            }
        }
        return AzureRoleDefinition(ref: ObjectRef(kind: "CustomRole", name: object.name ?? "?", location: node.location), statements: statements)
    }
}
