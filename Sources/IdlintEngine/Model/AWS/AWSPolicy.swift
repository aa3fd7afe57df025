import IdlintSyntax

/// An AWS policy document as facts: its statements as permission statements, so the
/// grant rules that judge Kubernetes roles judge IAM policies too.
public struct AWSPolicy: Sendable {
    public var ref: ObjectRef
    public var statements: [PermissionStatement]
    /// The boundary of the role or user the policy belongs to, resolved across the scan
    /// once every file is read.
    public var boundary: BoundaryState = .unknown
    /// The role or user the policy belongs to, where the template or plan says so: its
    /// policies together are what it may do.
    public var owner: ObjectRef?
    /// Names a boundary reference can find this policy by: its object name, and for a
    /// managed policy the name it is created with.
    public var names: [String] = []
    /// What the statements that name a Principal give to whom: a trust policy's "who may
    /// become this role", a resource policy's "who may use this resource".
    public var resourceGrants: [DirectGrant] = []
    /// The identities a policy resource is attached to by its own list (CloudFormation's
    /// `Users`, `Groups`, `Roles`): each holds the statements, as an owner does.
    public var attachedTo: [SubjectRef] = []
    /// Whether that attachment makes it each holder's own inline policy (`AWS::IAM::Policy`).
    public var attachedInline = false

    static func facts(from object: RecognizedObject) -> AWSPolicy {
        let root = object.node
        let statementsNode = root["Statement"]
        let list = statementsNode.map { $0.isSequence ? $0.elements : [$0] } ?? []
        // A statement with a Principal belongs to a resource or trust policy: it grants the
        // named principals access to this one resource, where '*' means the resource
        // itself (a key policy's "kms:*" on "*"), so it is not an identity's grant.
        // A statement whose Effect is an unevaluated expression may allow or deny: it
        // counts as neither, so a reference never grants (or removes) on its own.
        let identityStatements = list.filter {
            $0.isMapping && $0["Principal"] == nil && $0["NotPrincipal"] == nil && $0["Effect"]?.isUnevaluated != true
        }
        let statements = identityStatements.map { statement -> PermissionStatement in
            // NotAction and NotResource allow everything but what they name: a '*' that
            // leaves out a list. Rules about a named action read it as '*' less the list;
            // rules about '*' itself (administrator access) do not count it.
            let notAction = statement["NotAction"] != nil
            let notResource = statement["NotResource"] != nil
            let isDeny = statement.string("Effect")?.lowercased() == "deny"
            let actions = notAction ? wildcard(at: statement.entry("NotAction")?.key) : (statement["Action"]?.scalarItems ?? []).map(Located.init)
            let resources = notResource ? wildcard(at: statement.entry("NotResource")?.key) : (statement["Resource"]?.scalarItems ?? []).map(Located.init)
            // Conditions narrow a statement the way resourceNames narrow a Kubernetes rule.
            // A Deny of everything *but* a list denies less than '*': counted as narrowed, so
            // it never takes away what it may leave allowed.
            // An unknown Condition (a Terraform reference) may narrow it: counted as narrowed.
            let conditionSpan = statement.entry("Condition")?.key.span
            // An Allow's condition that narrows nothing (aws:Referer) leaves it whole; a
            // Deny's condition of any kind (MFA false: "deny sessions without MFA") makes it
            // deny less, so it never takes away what it may leave allowed.
            var narrowing = conditions(of: statement, narrowingOnly: !isDeny).map { Located<String>($0, span: conditionSpan) }
            if isDeny, notAction || notResource { narrowing.append(Located("except", span: statement.entry(notAction ? "NotAction" : "NotResource")?.key.span)) }
            return PermissionStatement(values: actions + resources + narrowing, counts: (actions.count, resources.count, 0, narrowing.count),
                                       isDeny: isDeny, location: statement.location,
                                       excludedActions: notAction ? excluded(statement["NotAction"]) : nil,
                                       excludedResources: notResource ? excluded(statement["NotResource"]) : nil)
        }
        let kind = object.kind == .awsTrustPolicy ? "TrustPolicy" : "Policy"
        var policy = AWSPolicy(ref: ObjectRef(kind: kind, name: object.name ?? "?", location: root.location), statements: statements)
        policy.names = [object.name ?? "?"]
        policy.attachedTo = object.attachedTo
        policy.attachedInline = object.attachedInline
        let target = object.owner.flatMap { $0.string("RoleName") ?? $0.string("name") } ?? policy.ref.name
        // Whoever may assume a role holds its sessions for as long as the role allows.
        let session = kind == "TrustPolicy" ? object.owner.flatMap(SessionBound.condition(ofRole:)).map { [$0] } ?? [] : []
        policy.resourceGrants = list.filter { $0.isMapping && ($0["Principal"] != nil || $0["NotPrincipal"] != nil) && $0["Effect"]?.isUnevaluated != true }
            .flatMap { ResourceGrant.from(statement: $0, policy: policy.ref, target: kind == "TrustPolicy" ? "role \(target)" : target,
                                             conditions: conditions(of: $0) + session) }
            .map { $0.held(at: root.location) }
        if let owner = object.owner {
            // CloudFormation Properties or Terraform values of the role, user or policy.
            if !object.ownerIsIdentity, let name = owner.string("ManagedPolicyName") ?? owner.string("name") ?? owner.string("PolicyName") { policy.names.append(name) }
            if object.ownerIsIdentity {
                // CloudFormation names the identity in RoleName/UserName or by its logical id
                // (the policy's name up to '/'); Terraform in its values' name.
                let name = owner.string("RoleName") ?? owner.string("UserName") ?? owner.string("name")
                    ?? policy.ref.name.split(separator: "/").first.map(String.init) ?? policy.ref.name
                policy.owner = ObjectRef(kind: identityKind(of: owner), name: name, location: owner.location)
            }
            if kind == "Policy", let reference = owner["PermissionsBoundary"] ?? owner["permissions_boundary"] {
                policy.boundary = boundary(reference)
            } else if kind == "Policy", object.ownerIsIdentity, object.ownerShowsBoundary {
                policy.boundary = .none
            }
        }
        return policy
    }

    /// How the delta names an identity from its settings: a role (CloudFormation or
    /// Terraform), else an IAM identity.
    static func identityKind(of owner: Node) -> String {
        owner["RoleName"] != nil || owner["AssumeRolePolicyDocument"] != nil || owner["assume_role_policy"] != nil ? "Role" : userOwnerKind
    }

    /// The owner kind of a policy that belongs to a user: only roles and users own
    /// policies as identities, and a role always says so.
    static let userOwnerKind = "IAM identity"

    /// A statement's conditions, one per operator, key and values (`StringEquals
    /// token.actions.githubusercontent.com:sub=repo:org/app:ref:refs/heads/main`): each must
    /// hold, so a change shows which one was dropped or widened. An unevaluated Condition
    /// (a Terraform reference) may narrow: it counts as one unknown condition.
    /// `narrowingOnly` leaves out those that narrow nothing (`ConditionNarrowing`).
    static func conditions(of statement: Node, narrowingOnly: Bool = false) -> [String] {
        statement["Condition"].map { conditions(in: $0, narrowingOnly: narrowingOnly) } ?? []
    }

    /// The same, of a `Condition` block itself.
    static func conditions(in condition: Node, narrowingOnly: Bool = false) -> [String] {
        if condition.isUnevaluated { return ["a condition idlint cannot evaluate"] }
        guard condition.isMapping else { return [] }
        var descriptors: [String] = []
        condition.forEachEntry { operation, keys in
            if keys.isMapping {
                keys.forEachEntry { key, values in
                    let items = values.isSequence ? values.elements : [values]
                    let texts = items.map { $0.isUnevaluated ? "(unresolved)" : $0.text }.sorted()
                    let unresolved = key.isUnevaluated || items.contains(where: \.isUnevaluated)
                    if narrowingOnly, !ConditionNarrowing.narrows(operator: operation.text, key: key.text, values: texts, unresolved: unresolved) { return true }
                    descriptors.append("\(operation.text) \(key.text)=\(texts.joined(separator: "|"))")
                    return true
                }
            } else {
                descriptors.append("\(operation.text) (unreadable)")
            }
            return true
        }
        // A condition of entries none of which narrows is no condition; one that holds
        // nothing readable may narrow.
        let unreadable = descriptors.isEmpty && condition.count > 0 && !(narrowingOnly && condition.entries.allSatisfy { $0.value.isMapping })
        return unreadable ? ["a condition idlint cannot read"] : descriptors.sorted()
    }

    /// An IAM statement in words, for `{statement}` in a document rule's message: what it
    /// allows or denies on what, a NotAction or NotResource as everything but its list
    /// ("every action but iam:*, organizations:* on every resource ('*')", "s3:GetObject,
    /// s3:PutObject on every resource but arn:aws:s3:::audit"). Nil for a node that is not
    /// a statement.
    static func describe(statement: Node) -> String? {
        guard statement.isMapping, statement["Action"] != nil || statement["NotAction"] != nil else { return nil }
        func values(_ node: Node?) -> [String] {
            guard let node else { return [] }
            return (node.isSequence ? node.elements : [node]).compactMap { item in
                item.isUnevaluated ? "(unresolved)" : (item.isScalar && !item.isNull ? item.text : nil)
            }
        }
        func list(_ items: [String]) -> String {
            guard !items.isEmpty else { return "nothing" }
            let shown = items.prefix(5).joined(separator: ", ")
            return items.count > 5 ? shown + " and \(items.count - 5) more" : shown
        }
        let actions: String
        if statement["NotAction"] != nil {
            actions = "every action but " + list(values(statement["NotAction"]))
        } else {
            let named = values(statement["Action"])
            actions = named.contains("*") ? "every action ('*')" : list(named)
        }
        let resources: String
        if statement["NotResource"] != nil {
            resources = "on every resource but " + list(values(statement["NotResource"]))
        } else {
            let named = values(statement["Resource"])
            resources = named.contains("*") ? "on every resource ('*')" : "on " + list(named)
        }
        return actions + " " + resources
    }

    /// A boundary as written: a literal ARN, `!Ref Name`, `{"Ref": "Name"}`, or as the
    /// AWS CLI exports it (`{"PermissionsBoundaryArn": "arn:..."}`).
    private static func boundary(_ node: Node) -> BoundaryState {
        let text = node.isMapping ? node.string("Ref") ?? node.string("PermissionsBoundaryArn") : (node.isScalar && !node.isNull ? node.text : nil)
        guard let text, !text.isEmpty else { return .none }
        return .named(PermissionBoundary(reference: text, location: node.location, statements: nil))
    }

    /// What a NotAction or NotResource leaves out. A value only state knows (a Terraform
    /// reference) may leave out anything: it is read as '*', so that what it might
    /// exclude is never reported as allowed.
    private static func excluded(_ node: Node?) -> [Located<String>] {
        guard let node else { return [] }
        let items = node.isSequence ? node.elements : [node]
        return items.compactMap { item in
            if item.isUnevaluated { return Located("*", span: item.span) }
            return item.isScalar && !item.isNull ? Located(item) : nil
        }
    }

    private static func wildcard(at key: Node?) -> [Located<String>] {
        [Located("*", span: key?.span)]
    }
}
