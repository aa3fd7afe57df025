/// An Azure role assignment: its principal holds the role at its scope and below (a
/// subscription scope covers its resource groups). Terraform's `azurerm_role_assignment`
/// and ARM's `Microsoft.Authorization/roleAssignments` write the same three facts.
enum AzureAssignmentGrants {
    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        let node = object.node["properties"] ?? object.node
        let principalID = DirectGrantExtractors.text(node["principal_id"] ?? node["principalId"]) ?? "?"
        let type = DirectGrantExtractors.text(node["principal_type"] ?? node["principalType"]) ?? "Principal"
        let definition: String? = DirectGrantExtractors.text(node["role_definition_id"] ?? node["roleDefinitionId"]).map { id in
            id.split(separator: "/").last.map(String.init) ?? id
        }
        let role = DirectGrantExtractors.text(node["role_definition_name"]) ?? definition ?? "?"
        let scope = DirectGrantExtractors.text(node["scope"] ?? object.node["scope"]) ?? "the deployment's scope"
        let privilege = Privilege(action: role, resource: scope, group: "", scope: "and below", names: [])
        return [DirectGrant(principal: PrincipalRef(platform: .azure, kind: type, name: principalID), privileges: [privilege],
                            through: "role assignment \(object.name ?? "?")")]
    }
}
