/// One permission a principal holds: a verb on a resource at a scope, as its platform
/// spells them, with what narrows it. Wildcards stay wildcards: gaining `*` is reported
/// as `*`.
public struct Privilege: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var action: String
    public var resource: String
    /// API group for Kubernetes (`core` for ""); empty elsewhere.
    public var group: String
    public var scope: String
    /// Object names the permission is narrowed to, if any: more names reach more.
    public var names: [String]
    /// Conditions that must all hold (IAM conditions, GCP condition expressions): more
    /// conditions reach less.
    public var conditions: [String] = []
    /// A Deny: held in a table of its own, since losing one widens.
    public var isDeny = false

    public static func < (lhs: Privilege, rhs: Privilege) -> Bool {
        (lhs.scope, lhs.resource, lhs.action, lhs.group, lhs.names.joined(), lhs.conditions.joined())
            < (rhs.scope, rhs.resource, rhs.action, rhs.group, rhs.names.joined(), rhs.conditions.joined())
    }

    /// Whether a condition ends the privilege at a moment (GCP `request.time`, AWS
    /// `aws:CurrentTime` or `aws:EpochTime`, date operators, an Azure PIM eligibility or
    /// schedule): a just-in-time grant rather than a standing one.
    public var isTimeBound: Bool {
        conditions.contains { condition in
            let text = condition.lowercased()
            return text.contains("request.time") || text.contains("aws:currenttime") || text.contains("aws:epochtime") || text.hasPrefix("datelessthan")
                || condition.hasPrefix(AzureAssignmentGrants.eligible) || condition.hasPrefix(AzureAssignmentGrants.expires)
        }
    }

    /// The same action on the same resource at the same scope, whatever narrows it.
    func isSameGrant(as other: Privilege) -> Bool {
        action == other.action && resource == other.resource && group == other.group && scope == other.scope && isDeny == other.isDeny
    }

    public var description: String {
        var text = (isDeny ? "no longer denied: " : "") + (isTimeBound ? "(time-bound) " : "") + "\(action) \(resource)"
        if !group.isEmpty { text += " (\(group))" }
        if !names.isEmpty { text += " named \(names.joined(separator: ", "))" }
        text += " " + scope
        if !conditions.isEmpty { text += " when " + conditions.joined(separator: " and ") }
        return text
    }

    /// Whether holding `self` already gives `other`: the same or a wider action, resource,
    /// group and scope, no fewer names, no more conditions.
    func covers(_ other: Privilege) -> Bool {
        guard isDeny == other.isDeny else { return false }
        guard scope == other.scope || (scope == "cluster-wide" && other.scope.hasPrefix("in namespace ")) else { return false }
        guard group == other.group || group == "*" else { return false }
        // A path-like resource (an Azure scope) reaches everything below it.
        let below = resource.hasPrefix("/") && other.resource.hasPrefix(resource.hasSuffix("/") ? resource : resource + "/")
        guard Self.matches(action, other.action, caseInsensitive: true), below || Self.matches(resource, other.resource, caseInsensitive: false) else { return false }
        // Names narrow: a privilege on named objects never covers one on every object.
        guard names.isEmpty || (!other.names.isEmpty && Set(names).isSuperset(of: other.names)) else { return false }
        // Every condition of mine holds for the other too; a session bound of mine holds
        // when the other's sessions are no longer (a 12-hour role covers a 1-hour one).
        return conditions.allSatisfy { condition in
            guard !other.conditions.contains(condition) else { return true }
            guard let limit = SessionBound.seconds(in: condition) else { return false }
            return other.conditions.contains { SessionBound.seconds(in: $0).map { $0 <= limit } ?? false }
        }
    }

    private static func matches(_ pattern: String, _ value: String, caseInsensitive: Bool) -> Bool {
        if pattern == value { return true }
        guard pattern.contains("*") || pattern.contains("?") else { return caseInsensitive && pattern.lowercased() == value.lowercased() }
        return GlobPattern.overText(pattern, caseInsensitive: caseInsensitive).matches(value)
    }
}

/// What one principal gains and loses with a change.
public struct PrincipalDelta: Sendable {
    public var principal: PrincipalRef
    /// The principal holds nothing in the base.
    public var isNew: Bool
    public var isAgent: Bool
    /// Riskiest first (`PrivilegeRisk`).
    public var gained: [Privilege]
    public var lost: [Privilege]
    /// The bindings, roles and policies through which the head grants what was gained.
    public var grantedThrough: [String]

    /// Gains that were held time-bound before the change and are standing after it.
    public var becameStanding: [Privilege] = []
}

/// Each principal's privileges, from the effective grants of a model: bound subjects,
/// and for what is held with no subject in the scanned files (an unbound role, a policy
/// whose owner is not known, an AWS role's own policies) the holder itself.
enum PrivilegeTable {
    typealias Holdings = [PrincipalRef: (privileges: Set<Privilege>, through: [Privilege: String])]

    static func privileges(of model: IdentityModel, library: RuleLibrary) -> Holdings {
        var table: Holdings = [:]
        func hold(_ principal: PrincipalRef, _ privileges: [Privilege], via: String) {
            var entry = table[principal] ?? ([], [:])
            for privilege in privileges {
                entry.privileges.insert(privilege)
                if entry.through[privilege] == nil { entry.through[privilege] = via }
            }
            table[principal] = entry
        }
        for set in model.grantSets(library) {
            let privileges = privileges(of: set)
            let via = set.binding.map { "\($0) → \(set.role)" } ?? "\(set.role)"
            // The same account bound in dev and in prod is two principals, and so is one
            // base bound in two Kustomize overlays: each is held where the binding is read.
            if set.isBound {
                for subject in set.subjects { hold(subject.principal.held(at: set.binding?.location), privileges, via: via) }
            } else if !set.attachedTo.isEmpty {
                // A policy resource that lists its holders: each of them holds it.
                for holder in set.attachedTo { hold(holder.held(at: set.role.location), privileges, via: via) }
            } else {
                hold(holder(of: set).held(at: set.owner?.location ?? set.role.location), privileges, via: via)
            }
        }
        for grant in model.allDirectGrants {
            hold(grant.principal, grant.privileges, via: grant.through)
        }
        return table
    }

    /// Who holds a set that no binding hands to a subject.
    private static func holder(of set: GrantSet) -> PrincipalRef {
        if let owner = set.owner { return PrincipalRef(platform: set.platform, kind: owner.kind, name: owner.name, namespace: owner.namespace) }
        let unbound = set.platform == .kubernetes ? " (bound to no subject in these files)" : ""
        return PrincipalRef(platform: set.platform, kind: set.role.kind, name: set.role.name + unbound, namespace: set.role.namespace)
    }

    private static func privileges(of set: GrantSet) -> [Privilege] {
        let scope = set.scope.description
        var privileges: [Privilege] = []
        for statement in set.statements {
            // Kubernetes narrows by object name; other platforms' narrowing values are conditions.
            let narrowing = statement.resourceNames.map(\.value).sorted()
            let names = set.platform == .kubernetes ? narrowing : []
            // What a NotAction or NotResource leaves out narrows its '*' like a condition:
            // adding an exclusion is a narrowing, dropping one a gain.
            let exclusions = (statement.excludedActions ?? []).map { "but not \($0.value)" } + (statement.excludedResources ?? []).map { "but not on \($0.value)" }
            let conditions = set.platform == .kubernetes ? [] : (narrowing + exclusions).sorted()
            let groups = statement.apiGroups.isEmpty ? [""] : statement.apiGroups.map { $0.value.isEmpty ? "core" : $0.value }
            for action in statement.actions {
                for resource in statement.resources {
                    for group in groups {
                        privileges.append(Privilege(action: action.value, resource: resource.value, group: group, scope: scope, names: names,
                                                    conditions: conditions, isDeny: statement.isDeny))
                    }
                }
                for url in statement.nonResourceURLs {
                    privileges.append(Privilege(action: action.value, resource: "url " + url.value, group: "", scope: "cluster-wide", names: [], isDeny: statement.isDeny))
                }
            }
        }
        return privileges
    }

    static func delta(base: IdentityModel, head: IdentityModel, library: RuleLibrary, isAgent: (PrincipalRef) -> Bool) -> [PrincipalDelta] {
        let before = privileges(of: base, library: library)
        let after = privileges(of: head, library: library)
        var deltas: [PrincipalDelta] = []
        for principal in Set(before.keys).union(after.keys) {
            let old = before[principal]?.privileges ?? []
            let new = after[principal]?.privileges ?? []
            // Allows gained are those no old allow already gave; a Deny lost widens too.
            let gained = uncovered(new.subtracting(old).filter { !$0.isDeny }, by: old)
                + uncovered(old.subtracting(new).filter(\.isDeny), by: new)
            let lost = uncovered(old.subtracting(new).filter { !$0.isDeny }, by: new)
            guard !gained.isEmpty || !lost.isEmpty else { continue }
            var through: [String] = []
            for privilege in gained {
                let via = after[principal]?.through[privilege] ?? before[principal]?.through[privilege]
                if let via, !through.contains(via) { through.append(via) }
            }
            let standing = gained.filter { gain in !gain.isTimeBound && old.contains { $0.isTimeBound && $0.isSameGrant(as: gain) } }
            deltas.append(PrincipalDelta(principal: principal, isNew: before[principal] == nil, isAgent: isAgent(principal),
                                         gained: PrivilegeRisk.ordered(gained), lost: lost.sorted(), grantedThrough: through, becameStanding: standing))
        }
        // Riskiest gains first, then principals that only lose.
        return deltas.sorted { lhs, rhs in
            let left = lhs.gained.first.map(PrivilegeRisk.rank) ?? Int.max, right = rhs.gained.first.map(PrivilegeRisk.rank) ?? Int.max
            return left != right ? left < right : lhs.principal < rhs.principal
        }
    }

    /// Privileges of `candidates` that no privilege of `holdings` covers.
    private static func uncovered(_ candidates: Set<Privilege>, by holdings: Set<Privilege>) -> [Privilege] {
        candidates.filter { candidate in !holdings.contains { $0.covers(candidate) } }.sorted()
    }
}
