import IdlintSyntax

/// What a statement that names a Principal gives: the principals it names may perform its
/// actions on this resource (a trust policy's resource is the role itself: being able to
/// assume it). The trust edges of AWS, held as privileges of the principals they trust, so
/// the change gate's delta shows a widened trust as a gain: a dropped `sub` condition, a
/// new account, `*`.
public struct ResourceGrant: Sendable {
    public var principal: PrincipalRef
    public var privileges: [Privilege]
    /// The policy that says so.
    public var through: String

    static func from(statement: Node, policy: ObjectRef, target: String, conditions: [String]) -> [ResourceGrant] {
        let isDeny = statement.string("Effect")?.lowercased() == "deny"
        let actions = statement["NotAction"] != nil ? ["*"] : (statement["Action"]?.scalarItems ?? []).map(\.text)
        let resources = statement["NotResource"] != nil ? ["*"] : (statement["Resource"]?.scalarItems ?? []).map(\.text)
        let privileges = actions.flatMap { action in
            (resources.isEmpty ? [target] : resources).map { resource in
                Privilege(action: action, resource: resource, group: "", scope: "through \(target)", names: [], conditions: conditions, isDeny: isDeny)
            }
        }
        let principals = statement["NotPrincipal"].map { except in
            [PrincipalRef(platform: .aws, kind: "Anyone except", name: names(in: except).map(\.name).sorted().joined(separator: ", "))]
        } ?? statement["Principal"].map(names) ?? []
        return principals.map { ResourceGrant(principal: $0, privileges: privileges, through: "\(policy)") }
    }

    /// `"*"`, `{"AWS": [...]}`, `{"Service": ...}`, `{"Federated": ...}`, `{"CanonicalUser": ...}`.
    private static func names(in principal: Node) -> [PrincipalRef] {
        if principal.isScalar { return [PrincipalRef(platform: .aws, kind: principal.text == "*" ? "Anyone" : "AWS", name: principal.text)] }
        var found: [PrincipalRef] = []
        principal.forEachEntry { type, values in
            for value in values.scalarItems {
                let anyone = type.text == "AWS" && value.text == "*"
                found.append(PrincipalRef(platform: .aws, kind: anyone ? "Anyone" : type.text, name: value.isUnevaluated ? "\(value.text) (unresolved)" : value.text))
            }
            return true
        }
        return found
    }
}
