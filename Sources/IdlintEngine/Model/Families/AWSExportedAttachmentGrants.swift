import IdlintSyntax

/// What the managed policies attached to an exported user, group or role give it, for
/// the privilege delta: `AttachedManagedPolicies` of `get-account-authorization-details`,
/// read as attachments written in Terraform are (`AdministratorAccess` as `*` on `*`,
/// any other by its ARN). The identity is named as its inline policies name it.
enum AWSExportedAttachmentGrants {
    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        let detail = object.node
        guard let attached = detail["AttachedManagedPolicies"], attached.isSequence else { return [] }
        let principal: PrincipalRef
        if let role = detail.string("RoleName") {
            principal = PrincipalRef(platform: .aws, kind: "Role", name: role)
        } else if let user = detail.string("UserName") {
            principal = PrincipalRef(platform: .aws, kind: AWSPolicy.userOwnerKind, name: user)
        } else if let group = detail.string("GroupName") {
            principal = PrincipalRef(platform: .aws, kind: "Group", name: group)
        } else {
            return []
        }
        return attached.elements.compactMap { entry in
            guard let arn = DirectGrantExtractors.text(entry["PolicyArn"]) else { return nil }
            return DirectGrant(principal: principal, privileges: AWSAttachmentGrants.privileges(of: arn), through: "\(principal) has \(arn) attached")
        }
    }
}
