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

    public func recognize(_ document: Document) -> [RecognizedObject]? {
        let root = document.root
        guard root.isMapping else { return nil }
        let name = document.fileStem
        if let version = root["PolicyVersion"], version.isMapping, let text = version["Document"] {
            return [Self.policy(text, name: "\(name)/\(version.string("VersionId") ?? "version")")].compactMap { $0 }
        }
        if let inline = root["PolicyDocument"], let policyName = root.string("PolicyName") {
            // get-role-policy and its kin name the identity that holds the policy.
            let owner = ["RoleName", "UserName", "GroupName"].lazy.compactMap { root.string($0) }.first
            return [Self.policy(inline, name: "\(owner ?? name)/\(policyName)", owner: root)].compactMap { $0 }
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
            return [Self.policy(trust, name: "\(roleName)/trust", owner: role, isRoleTrust: true)].compactMap { $0 }
        }
        // Account details, not any JSON with a `Policies` list (list-policies output).
        let details = ["UserDetailList", "GroupDetailList", "RoleDetailList"].contains { root[$0]?.isSequence == true }
        let managed = root["Policies"]?.elements.contains { $0["PolicyVersionList"] != nil } == true
        guard details || managed else { return nil }
        var objects: [RecognizedObject] = []
        for (list, nameKey, policiesKey) in [("UserDetailList", "UserName", "UserPolicyList"), ("GroupDetailList", "GroupName", "GroupPolicyList"),
                                             ("RoleDetailList", "RoleName", "RolePolicyList")] {
            root[list]?.forEachElement { detail in
                objects += Self.identity(detail, nameKey: nameKey, policiesKey: policiesKey)
                return true
            }
        }
        let holders = Self.holders(in: root)
        root["Policies"]?.forEachElement { managed in
            objects += Self.managedPolicy(managed, heldBy: managed.string("Arn").flatMap { holders[$0] })
            return true
        }
        // Empty lists hold nothing to judge: the file is not claimed as read.
        return objects.isEmpty ? nil : objects
    }

    /// A user, group or role of the account details: itself (for its attached managed
    /// policies), its inline policies and, for a role, its trust policy.
    private static func identity(_ detail: Node, nameKey: String, policiesKey: String) -> [RecognizedObject] {
        guard detail.isMapping, let identityName = detail.string(nameKey) else { return [] }
        var objects = [RecognizedObject(kind: .awsIdentity, node: detail, platform: .aws, name: identityName)]
        if let trust = detail["AssumeRolePolicyDocument"], let object = policy(trust, name: "\(identityName)/trust", owner: detail, isRoleTrust: true) {
            objects.append(object)
        }
        detail[policiesKey]?.forEachElement { entry in
            if let text = entry["PolicyDocument"], let object = policy(text, name: "\(identityName)/\(entry.string("PolicyName") ?? "inline")", owner: detail) {
                objects.append(object)
            }
            return true
        }
        return objects
    }

    /// A managed policy of the account details: the version in force (the default one),
    /// since the others grant nothing until someone makes them the default. An AWS
    /// managed policy's document is AWS's, the same in every account: what the account
    /// decided is whether to attach it, which its count says.
    /// A customer managed policy attached to exactly one role or user belongs to it, as
    /// its inline policies do: judged together with them (two halves of an escalation in
    /// two policies) and under its boundary. One held by several stays on its own, judged
    /// once rather than once per holder.
    private static func managedPolicy(_ managed: Node, heldBy holders: [(name: String, detail: Node)]?) -> [RecognizedObject] {
        if let arn = managed.string("Arn"), isAWSManaged(arn) { return [usage(managed)] }
        guard managed.isMapping, let versions = managed["PolicyVersionList"], versions.isSequence else { return [] }
        let policyName = managed.string("PolicyName") ?? managed.string("Arn") ?? "policy"
        let holder = holders?.count == 1 ? holders?.first : nil
        let inForce = versions.elements.filter { $0["IsDefaultVersion"]?.text.lowercased() == "true" }
        return (inForce.isEmpty ? versions.elements : inForce).compactMap { version in
            version["Document"].flatMap { document in
                holder.map { policy(document, name: "\($0.name)/\(policyName)", owner: $0.detail) } ?? policy(document, name: policyName, owner: managed)
            }
        }
    }

    /// The roles and users each managed policy ARN is attached to (groups hold policies for
    /// their members, who are not listed with them).
    private static func holders(in root: Node) -> [String: [(name: String, detail: Node)]] {
        var holders: [String: [(name: String, detail: Node)]] = [:]
        for (list, nameKey) in [("UserDetailList", "UserName"), ("RoleDetailList", "RoleName")] {
            root[list]?.forEachElement { detail in
                guard let name = detail.string(nameKey) else { return true }
                detail["AttachedManagedPolicies"]?.forEachElement { attached in
                    if let arn = attached.string("PolicyArn") { holders[arn, default: []].append((name, detail)) }
                    return true
                }
                return true
            }
        }
        return holders
    }

    private static func isAWSManaged(_ arn: String) -> Bool {
        arn.contains(":iam::aws:policy/")
    }

    /// What the account says of an AWS managed policy: its ARN and how many identities
    /// hold it, not which.
    private static func usage(_ metadata: Node) -> RecognizedObject {
        let count = metadata.string("AttachmentCount") ?? "?"
        return RecognizedObject(kind: .awsManagedPolicyUsage, node: metadata, platform: .aws,
                                name: "an identity of the account (\(count) attachments counted, not whose)")
    }

    /// A document as the CLI writes it (JSON) or as the API returns it (URL-encoded JSON
    /// text). Only a role's `AssumeRolePolicyDocument` is a trust policy: a statement with
    /// a Principal in any other policy of an identity is not one.
    private static func policy(_ value: Node, name: String, owner: Node? = nil, isRoleTrust: Bool = false) -> RecognizedObject? {
        let tree: Node?
        if value.isMapping {
            tree = value
        } else if value.isScalar, !value.isNull, !value.isUnevaluated {
            // JSON text as it is, or URL-encoded by the API (it then starts with `%7B`).
            let text = value.text.first == "{" ? value.text : PercentDecoding.decode(value.text)
            tree = text.flatMap { TerraformPlanRecognizer.parseEmbedded($0, file: value.document.file, at: value.span)?.root }
        } else {
            tree = nil
        }
        guard let tree, var object = AWSPolicyRecognizer.policy(tree, name: name, mayBeTrust: isRoleTrust) else { return nil }
        if let owner {
            object.owner = owner
            object.ownerIsIdentity = owner["RoleName"] != nil || owner["UserName"] != nil
        }
        return object
    }
}
