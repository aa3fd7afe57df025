import IdlintSyntax

/// What the AWS CLI writes when IAM is exported rather than authored: `aws iam
/// get-policy-version` (`PolicyVersion.Document`), `get-role-policy`, `get-user-policy`
/// and `get-group-policy` (`PolicyDocument` beside its `PolicyName`), `get-role`
/// (`Role.AssumeRolePolicyDocument`) and `get-account-authorization-details` (every
/// user, group, role and managed policy of an account). The documents keep their places
/// in the file, so findings sit on the statements. The CLI decodes documents into JSON;
/// the raw API gives them URL-encoded, which is read too, placed on the string.
public struct AWSExportRecognizer: DocumentRecognizer {
    public static let producedKinds: [DocumentKind] = [.awsPolicy, .awsTrustPolicy, .awsIdentity, .awsManagedPolicyUsage]

    public init() {}

    public func recognize(_ document: Document, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        let root = document.root
        guard root.isMapping else { return nil }
        let name = document.fileStem
        if let version = root["PolicyVersion"], version.isMapping, let text = version["Document"] {
            return [Self.policy(text, name: "\(name)/\(version.string("VersionId") ?? "version")", problems: &problems)].compactMap { $0 }
        }
        if let inline = root["PolicyDocument"], let policyName = root.string("PolicyName") {
            // get-role-policy and its kin name the identity that holds the policy.
            let owner = ["RoleName", "UserName", "GroupName"].lazy.compactMap { root.string($0) }.first
            // It names the identity and nothing else of it: its boundary is not known.
            var object = Self.policy(inline, name: "\(owner ?? name)/\(policyName)", owner: root, problems: &problems)
            object?.ownerShowsBoundary = false
            return [object].compactMap { $0 }
        }
        if let metadata = root["Policy"], metadata.isMapping, let arn = metadata.string("Arn") {
            // get-policy holds no document and names no identity. For an AWS managed policy
            // what it allows is published, and the count says whether anything holds it;
            // of a customer managed policy nothing can be said, and it is not claimed as read.
            guard Self.isAWSManaged(arn) else { return nil }
            return [Self.usage(metadata)]
        }
        if let role = root["Role"], role.isMapping, let trust = role["AssumeRolePolicyDocument"] {
            let roleName = role.string("RoleName") ?? name
            return [Self.policy(trust, name: "\(roleName)/trust", owner: role, isRoleTrust: true, problems: &problems)].compactMap { $0 }
        }
        return AWSAccountDetails.objects(in: root, problems: &problems)
    }

    static func isAWSManaged(_ arn: String) -> Bool {
        arn.contains(":iam::aws:policy/")
    }

    /// What the account says of an AWS managed policy: its ARN and how many identities
    /// hold it, not which.
    static func usage(_ metadata: Node) -> RecognizedObject {
        let count = metadata.string("AttachmentCount") ?? "?"
        return RecognizedObject(kind: .awsManagedPolicyUsage, node: metadata, platform: .aws,
                                name: "an identity of the account (\(count) attachments counted, not whose)")
    }

    /// A document as the CLI writes it (JSON) or as the API returns it (URL-encoded JSON
    /// text); one that does not decode is an input error. Only a role's
    /// `AssumeRolePolicyDocument` is a trust policy: a statement with a Principal in any
    /// other policy of an identity is not one.
    static func policy(_ value: Node, name: String, owner: Node? = nil, isRoleTrust: Bool = false, problems: inout [Diagnostic]) -> RecognizedObject? {
        guard let tree = EmbeddedPolicyText.tree(value, encoding: .jsonOrURLEncoded, problems: &problems), var object = AWSPolicyRecognizer.policy(tree, name: name, mayBeTrust: isRoleTrust) else { return nil }
        if let owner {
            object.owner = owner
            object.ownerIsIdentity = owner["RoleName"] != nil || owner["UserName"] != nil
        }
        return object
    }
}
