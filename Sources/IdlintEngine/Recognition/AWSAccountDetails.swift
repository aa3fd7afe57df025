import IdlintSyntax

/// `aws iam get-account-authorization-details`: every user, group and role of an account
/// with its inline policies, attached managed policies and (for a role) trust policy, and
/// the managed policies themselves with their versions.
enum AWSAccountDetails {
    /// The objects of an export, or nil when the document is not one (or holds nothing).
    static func objects(in root: Node, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        // Account details, not any JSON with a `Policies` list (list-policies output).
        let details = ["UserDetailList", "GroupDetailList", "RoleDetailList"].contains { root[$0]?.isSequence == true }
        let managed = root["Policies"]?.elements.contains { $0["PolicyVersionList"] != nil } == true
        guard details || managed else { return nil }
        var objects: [RecognizedObject] = []
        let problemsBefore = problems.count
        for (list, nameKey, policiesKey) in [("UserDetailList", "UserName", "UserPolicyList"), ("GroupDetailList", "GroupName", "GroupPolicyList"),
                                             ("RoleDetailList", "RoleName", "RolePolicyList")] {
            root[list]?.forEachElement { detail in
                objects += identity(detail, nameKey: nameKey, policiesKey: policiesKey, problems: &problems)
                return true
            }
        }
        let holders = holders(in: root)
        root["Policies"]?.forEachElement { managed in
            objects += managedPolicy(managed, heldBy: managed.string("Arn").flatMap { holders[$0] }, problems: &problems)
            return true
        }
        // Empty lists hold nothing to judge: the file is not claimed as read (unless a
        // document in it could not be: that is its error, said below the export's name).
        return objects.isEmpty && problems.count == problemsBefore ? nil : objects
    }

    /// A user, group or role of the account details: itself (for its attached managed
    /// policies), its inline policies and, for a role, its trust policy.
    private static func identity(_ detail: Node, nameKey: String, policiesKey: String, problems: inout [Diagnostic]) -> [RecognizedObject] {
        guard detail.isMapping, let identityName = detail.string(nameKey) else { return [] }
        var objects = [RecognizedObject(kind: .awsIdentity, node: detail, platform: .aws, name: identityName)]
        if let trust = detail["AssumeRolePolicyDocument"], let object = AWSExportRecognizer.policy(trust, name: "\(identityName)/trust", owner: detail, isRoleTrust: true, problems: &problems) {
            objects.append(object)
        }
        detail[policiesKey]?.forEachElement { entry in
            if let text = entry["PolicyDocument"], let object = AWSExportRecognizer.policy(text, name: "\(identityName)/\(entry.string("PolicyName") ?? "inline")", owner: detail, problems: &problems) {
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
    ///
    /// A customer managed policy attached to exactly one role or user belongs to it, as
    /// its inline policies do: judged together with them (two halves of an escalation in
    /// two policies) and under its boundary. One held by several stays on its own, judged
    /// once rather than once per holder.
    private static func managedPolicy(_ managed: Node, heldBy holders: [(name: String, detail: Node)]?, problems: inout [Diagnostic]) -> [RecognizedObject] {
        if let arn = managed.string("Arn"), AWSExportRecognizer.isAWSManaged(arn) { return [AWSExportRecognizer.usage(managed)] }
        guard managed.isMapping, let versions = managed["PolicyVersionList"], versions.isSequence else { return [] }
        let policyName = managed.string("PolicyName") ?? managed.string("Arn") ?? "policy"
        let holder = holders?.count == 1 ? holders?.first : nil
        let inForce = versions.elements.filter { $0["IsDefaultVersion"]?.text.lowercased() == "true" }
        return (inForce.isEmpty ? versions.elements : inForce).compactMap { version in
            version["Document"].flatMap { document in
                holder.map { AWSExportRecognizer.policy(document, name: "\($0.name)/\(policyName)", owner: $0.detail, problems: &problems) }
                    ?? AWSExportRecognizer.policy(document, name: policyName, owner: managed, problems: &problems)
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
}
