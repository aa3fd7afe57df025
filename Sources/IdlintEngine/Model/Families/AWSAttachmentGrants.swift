import IdlintSyntax

/// A managed policy attached to an AWS role, user or group by ARN (Terraform's
/// `aws_iam_*_policy_attachment`, or on the identity's own record: CloudFormation's
/// `ManagedPolicyArns`, Terraform's `managed_policy_arns`, an export's
/// `AttachedManagedPolicies`): the identity holds the policy. What a policy the scanned
/// files do not define allows is not known, so the grant names the policy itself, except
/// for the AWS managed policies whose meaning is fixed and well known, which grant what
/// they allow, where an inline policy's privileges are held (so an inline `*` covers them).
enum AWSAttachmentGrants {
    /// AWS managed policies by name, and the actions they allow on every resource.
    static let knownPolicies: [String: [String]] = [
        "AdministratorAccess": ["*"],
        "IAMFullAccess": ["iam:*"],
    ]

    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        guard let arn = DirectGrantExtractors.text(object.node["policy_arn"]) else { return [] }
        let privileges = privileges(of: arn)
        let through = "\(object.name ?? "policy attachment") attaches \(arn)"
        return holders(of: object).map { DirectGrant(principal: $0, privileges: privileges, through: through) }
    }

    /// The managed policies an identity holds by its own record: listed in CloudFormation
    /// (`ManagedPolicyArns`) or Terraform (`managed_policy_arns`), or shown attached in an
    /// account export (`AttachedManagedPolicies`). The identity is named as its inline
    /// policies name it (`AWSPolicy.facts`), so both meet in one principal.
    static func identityGrants(_ object: RecognizedObject) -> [DirectGrant] {
        let record = object.node["Properties"] ?? object.node
        let holder: PrincipalRef
        let arns: [String]
        if let attached = record["AttachedManagedPolicies"], attached.isSequence {
            guard let exported = exportedHolder(record) else { return [] }
            holder = exported
            arns = attached.elements.compactMap { DirectGrantExtractors.text($0["PolicyArn"]) }
        } else if let list = record["ManagedPolicyArns"] ?? record["managed_policy_arns"], list.isSequence {
            let name = record.string("RoleName") ?? record.string("UserName") ?? record.string("name") ?? object.name ?? "?"
            holder = PrincipalRef(platform: .aws, kind: AWSPolicy.identityKind(of: record), name: name)
            arns = list.elements.compactMap(DirectGrantExtractors.text)
        } else {
            return []
        }
        return arns.map { arn in
            DirectGrant(principal: holder, privileges: privileges(of: arn), through: "\(holder) has \(arn) attached")
        }
    }

    /// An exported user, group or role, by the name field its detail list gives it.
    private static func exportedHolder(_ detail: Node) -> PrincipalRef? {
        if let role = detail.string("RoleName") { return PrincipalRef(platform: .aws, kind: "Role", name: role) }
        if let user = detail.string("UserName") { return PrincipalRef(platform: .aws, kind: AWSPolicy.userOwnerKind, name: user) }
        if let group = detail.string("GroupName") { return PrincipalRef(platform: .aws, kind: "Group", name: group) }
        return nil
    }

    static func privileges(of arn: String) -> [Privilege] {
        let scope = GrantScope.attached.description
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        if parts.count == 6, parts[2] == "iam", parts[4] == "aws", parts[5].hasPrefix("policy/"),
           let actions = knownPolicies[String(parts[5].dropFirst("policy/".count))] {
            return actions.map { Privilege(action: $0, resource: "*", group: "", scope: scope, names: []) }
        }
        return [Privilege(action: "policy", resource: arn, group: "", scope: "attached", names: [])]
    }

    /// The role, user or group the policy is attached to: the identity the recognizer
    /// resolved (named as its inline policies name it), else the names the attachment writes.
    static func holders(of object: RecognizedObject) -> [PrincipalRef] {
        if let owner = object.owner, let name = DirectGrantExtractors.text(owner["name"]) {
            return [PrincipalRef(platform: .aws, kind: AWSPolicy.identityKind(of: owner), name: name)]
        }
        let fields = [("role", "Role"), ("roles", "Role"), ("user", "IAM identity"), ("users", "IAM identity"), ("group", "Group"), ("groups", "Group")]
        return fields.flatMap { field, kind in
            let value = object.node[field]
            let nodes = value.map { $0.isSequence ? $0.elements : [$0] } ?? []
            return nodes.compactMap(DirectGrantExtractors.text).map { PrincipalRef(platform: .aws, kind: kind, name: $0) }
        }
    }
}
