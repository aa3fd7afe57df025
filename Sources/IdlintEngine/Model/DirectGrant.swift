import IdlintSyntax

/// Privileges a principal holds directly, written where they are given rather than
/// through a role and a binding: an AWS trust or resource policy statement (the trust
/// edges of AWS, so a dropped `sub` condition shows as a gain), a workflow job's token
/// permissions, a Keycloak service account's roles, an Entra application's API
/// permissions, an Azure role assignment, an Auth0 client grant. The change gate's
/// privilege delta reads them beside the grant sets.
public struct DirectGrant: Sendable {
    public var principal: PrincipalRef
    public var privileges: [Privilege]
    /// What says so: the policy, workflow, realm or application.
    public var through: String
    /// Where a grant rule's finding about it lands: the element that gives it when the
    /// extractor names one (a workflow job, a Keycloak user), else the object. Not part
    /// of what the grant is: the change gate never compares it.
    public var location: SourceLocation?

    public init(principal: PrincipalRef, privileges: [Privilege], through: String, location: SourceLocation? = nil) {
        self.principal = principal
        self.privileges = privileges
        self.through = through
        self.location = location
    }

    /// This grant as held in the environment of `location` (see `PrincipalRef.held(at:)`),
    /// placed there unless its extractor placed it more exactly.
    func held(at location: SourceLocation?) -> DirectGrant {
        var held = self
        held.principal = principal.held(at: location)
        held.location = self.location ?? location
        return held
    }
}

/// What an AWS statement that names a Principal gives: the principals it names may
/// perform its actions on this resource (a trust policy's resource is the role itself:
/// being able to assume it).
enum ResourceGrant {
    static func from(statement: Node, policy: ObjectRef, target: String, conditions: [String]) -> [DirectGrant] {
        let isDeny = statement.string("Effect")?.lowercased() == "deny"
        let actions = statement["NotAction"] != nil ? ["*"] : (statement["Action"]?.scalarItems ?? []).map(\.text)
        let resources = statement["NotResource"] != nil ? ["*"] : (statement["Resource"]?.scalarItems ?? []).map(\.text)
        let privileges = actions.flatMap { action in
            (resources.isEmpty ? [target] : resources).map { resource in
                Privilege(action: action, resource: resource, group: "", scope: target.hasPrefix("role ") ? "by its trust policy" : "by the policy of \(target)",
                          names: [], conditions: conditions, isDeny: isDeny)
            }
        }
        let principals = statement["NotPrincipal"].map { except in
            [PrincipalRef(platform: .aws, kind: "Anyone except", name: names(in: except).map(\.name).sorted().joined(separator: ", "))]
        } ?? statement["Principal"].map(names) ?? []
        return principals.map { DirectGrant(principal: $0, privileges: privileges, through: "\(policy)") }
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
