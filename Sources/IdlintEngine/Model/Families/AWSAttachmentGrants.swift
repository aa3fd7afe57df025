import IdlintSyntax

/// A managed policy attached to an AWS role, user or group by ARN (Terraform's
/// `aws_iam_*_policy_attachment`, or listed on the identity itself: CloudFormation's
/// `ManagedPolicyArns`, Terraform's `managed_policy_arns`): the identity holds the policy. What a policy the scanned
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

    /// The managed policies an identity lists itself, held by that identity, named as its
    /// inline policies name it (`AWSPolicy.facts`), so both meet in one principal.
    static func listedGrants(_ object: RecognizedObject) -> [DirectGrant] {
        let properties = object.node["Properties"] ?? object.node
        guard let list = properties["ManagedPolicyArns"] ?? properties["managed_policy_arns"], list.isSequence else { return [] }
        let name = properties.string("RoleName") ?? properties.string("UserName") ?? properties.string("name") ?? object.name ?? "?"
        let holder = PrincipalRef(platform: .aws, kind: AWSPolicy.identityKind(of: properties), name: name)
        return list.elements.compactMap(DirectGrantExtractors.text).map { arn in
            DirectGrant(principal: holder, privileges: privileges(of: arn), through: "\(object.name ?? name) lists \(arn) among its managed policies")
        }
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
    private static func holders(of object: RecognizedObject) -> [PrincipalRef] {
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
