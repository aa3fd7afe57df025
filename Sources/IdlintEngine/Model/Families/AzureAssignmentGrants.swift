import IdlintSyntax

/// An Azure role assignment: its principal holds the role at its scope and below (a
/// subscription scope covers its resource groups). Terraform's `azurerm_role_assignment`
/// and ARM's `Microsoft.Authorization/roleAssignments` write the same three facts.
///
/// Privileged Identity Management assignments carry how long they hold: an eligible one
/// (`azurerm_pim_eligible_role_assignment`, `roleEligibilityScheduleRequests`) only once
/// activated, an active one (`azurerm_pim_active_role_assignment`,
/// `roleAssignmentScheduleRequests`) until its schedule ends. Both are time-bound
/// conditions on the privilege, so the delta tells them from a standing assignment and
/// names an eligible role made a permanent one.
enum AzureAssignmentGrants {
    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        let node = object.node["properties"] ?? object.node
        let principalID = DirectGrantExtractors.text(node["principal_id"] ?? node["principalId"]) ?? "?"
        let type = DirectGrantExtractors.text(node["principal_type"] ?? node["principalType"]) ?? "Principal"
        let definition: String? = DirectGrantExtractors.text(node["role_definition_id"] ?? node["roleDefinitionId"]).map(roleID)
        let role = DirectGrantExtractors.text(node["role_definition_name"]) ?? definition ?? "?"
        let scope = DirectGrantExtractors.text(node["scope"] ?? object.node["scope"]) ?? "the deployment's scope"
        var privilege = Privilege(action: role, resource: scope, group: "", scope: "and below", names: [])
        privilege.conditions = schedule(of: object, node)
        return [DirectGrant(principal: PrincipalRef(platform: .azure, kind: type, name: principalID), privileges: [privilege],
                            through: "role assignment \(object.name ?? "?")")]
    }

    /// The role of a definition id as the delta names it: the last segment of a path, or
    /// for an ARM expression (`[subscriptionResourceId('...roleDefinitions', 'GUID')]`,
    /// what a parameter or variable resolves to) its last string argument, so that the
    /// same role written either way is one privilege.
    static func roleID(_ id: String) -> String {
        // Only a literal that is the outer call's last argument: `parameters('x'))]` names
        // a parameter left unresolved, not a role.
        if id.hasPrefix("["), id.hasSuffix("')]"), let close = id.dropLast(2).lastIndex(of: "'"),
           let open = id[..<close].lastIndex(of: "'"), id[..<open].last != "(" {
            let literal = id[id.index(after: open)..<close]
            if !literal.isEmpty { return roleID(String(literal)) }
        }
        return id.split(separator: "/").last.map(String.init) ?? id
    }

    /// The time-bound conditions of a PIM assignment: eligibility, and the end of its
    /// schedule when it has one. A plain assignment, or one that never expires, has none.
    static func schedule(of object: RecognizedObject, _ node: Node) -> [String] {
        var conditions: [String] = []
        if object.kind == .azureRoleEligibility { conditions.append(eligible) }
        let expiration = node["schedule"]?["expiration"] ?? node["scheduleInfo"]?["expiration"]
        if let expiration, DirectGrantExtractors.text(expiration["type"]) != "NoExpiration" {
            let end = DirectGrantExtractors.text(expiration["end_date_time"] ?? expiration["endDateTime"])
            let days = DirectGrantExtractors.text(expiration["duration_days"]).map { "\($0) days" }
            let hours = DirectGrantExtractors.text(expiration["duration_hours"]).map { "\($0) hours" }
            if let bound = end ?? days ?? hours ?? DirectGrantExtractors.text(expiration["duration"]) {
                conditions.append("\(expires) \(bound)")
            }
        }
        return conditions
    }

    /// Condition texts `Privilege.isTimeBound` recognises.
    static let eligible = "PIM eligible: held once activated"
    static let expires = "PIM schedule ends"
}
