import IdlintSyntax

/// A GCP IAM policy as grants: each binding gives its role to its members. The role is
/// the action (GCP grants roles, not single permissions), on whatever resource the policy
/// is attached to (every resource below it, written '*', or one service account); a
/// condition narrows the binding.
public struct GCPPolicy: Sendable {
    public var ref: ObjectRef
    public var bindings: [(binding: ObjectRef, statement: PermissionStatement, members: [SubjectRef])]

    static func facts(from object: RecognizedObject) -> GCPPolicy {
        let ref = ObjectRef(kind: "Policy", name: object.name ?? "?", location: object.node.location)
        var bindings: [(ObjectRef, PermissionStatement, [SubjectRef])] = []
        // A Terraform _iam_member or _iam_binding is one binding: role with member or members.
        let list = object.kind == .gcpMember ? [object.node] : (object.node["bindings"]?.elements ?? [])
        // A policy on one service account (google_service_account_iam_*, or an asset
        // inventory entry for one) reaches that account only, not every one in the project.
        let account = object.node["service_account_id"] ?? object.owner?["service_account_id"] ?? GCPAssetInventory.serviceAccount(of: object.owner)
        for binding in list {
            guard let role = binding["role"], role.isScalar else { continue }
            // getIamPolicy writes a condition object; Terraform a list that is empty when unset.
            let conditioned = binding["condition"].map { !$0.isNull && !($0.isSequence && $0.count == 0) } ?? false
            // The expression itself, so a changed condition reads as changed in a delta.
            let expression = binding["condition"].flatMap { node in (node.isSequence ? node.elements.first : node)?.string("expression") }
            let narrowing = conditioned ? [Located<String>(expression.map { "condition \($0)" } ?? "condition", span: binding.entry("condition")?.key.span)] : []
            let resource = account.flatMap { $0.isScalar && !$0.isNull ? Located($0) : nil } ?? Located("*", span: role.span)
            let statement = PermissionStatement(values: [Located(role), resource] + narrowing,
                                                counts: (1, 1, 0, narrowing.count), isDeny: false, location: binding.location)
            let memberNodes = (binding["members"]?.elements ?? []) + [binding["member"]].compactMap { $0 }
            let members = memberNodes.filter { $0.isScalar && !$0.isNull }.map { member in
                SubjectRef(principal: member.isUnevaluated ? unresolved(member) : principal(member.text), location: member.location)
            }
            bindings.append((ObjectRef(kind: "Binding", name: role.text, location: role.location), statement, members))
        }
        return GCPPolicy(ref: ref, bindings: bindings)
    }

    /// A member only state knows is some principal, never read by its source text; but a
    /// template whose kind is literal (`"serviceAccount:${google_service_account.ci.email}"`)
    /// is known to be of that kind, which is what the grant rules ask.
    static func unresolved(_ member: Node) -> PrincipalRef {
        let text = member.text
        let name = "\(text) (unresolved, line \(member.start.line))"
        guard text.hasPrefix("\""), let colon = text.firstIndex(of: ":") else { return PrincipalRef(platform: .gcp, kind: "Unresolved", name: name) }
        let prefix = text[text.index(after: text.startIndex)..<colon]
        guard !prefix.contains("$"), ["serviceAccount", "user", "group", "domain"].contains(String(prefix)) else {
            return PrincipalRef(platform: .gcp, kind: "Unresolved", name: name)
        }
        return PrincipalRef(platform: .gcp, kind: principal(prefix + ":x").kind, name: name)
    }

    /// `serviceAccount:x@p.iam.gserviceaccount.com` and friends.
    static func principal(_ member: String) -> PrincipalRef {
        if member == "allUsers" || member == "allAuthenticatedUsers" {
            return PrincipalRef(platform: .gcp, kind: "Public", name: member)
        }
        let parts = member.split(separator: ":", maxSplits: 1).map(String.init)
        let kind = switch parts.first ?? "" {
        case "serviceAccount": "ServiceAccount"
        case "user": "User"
        case "group": "Group"
        case "domain": "Domain"
        default: parts.first ?? "Member"
        }
        return PrincipalRef(platform: .gcp, kind: kind, name: parts.count == 2 ? parts[1] : member)
    }
}
