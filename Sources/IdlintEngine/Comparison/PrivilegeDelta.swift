/// One permission a principal holds: a verb on a resource at a scope, as its platform
/// spells them. Wildcards stay wildcards: gaining `*` is reported as `*`.
public struct Privilege: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var action: String
    public var resource: String
    /// API group for Kubernetes (`core` for ""); empty elsewhere.
    public var group: String
    public var scope: String
    /// Object names the permission is narrowed to, if any.
    public var names: [String]

    public static func < (lhs: Privilege, rhs: Privilege) -> Bool {
        (lhs.scope, lhs.resource, lhs.action, lhs.group, lhs.names.joined()) < (rhs.scope, rhs.resource, rhs.action, rhs.group, rhs.names.joined())
    }

    public var description: String {
        var text = "\(action) \(resource)"
        if !group.isEmpty { text += " (\(group))" }
        if !names.isEmpty { text += " named \(names.joined(separator: ", "))" }
        return text + " " + scope
    }
}

/// What one principal gains and loses with a change.
public struct PrincipalDelta: Sendable {
    public var principal: PrincipalRef
    /// The principal holds nothing in the base.
    public var isNew: Bool
    public var isAgent: Bool
    public var gained: [Privilege]
    public var lost: [Privilege]
    /// The bindings and roles through which the head grants what was gained.
    public var grantedThrough: [String]
}

/// Each principal's privileges, from the effective grants of a model.
enum PrivilegeTable {
    static func privileges(of model: IdentityModel, library: RuleLibrary) -> [PrincipalRef: (privileges: Set<Privilege>, through: [Privilege: String])] {
        var table: [PrincipalRef: (privileges: Set<Privilege>, through: [Privilege: String])] = [:]
        for set in model.grantSets(library) where set.isBound {
            let scope = set.scope.description
            let via = "\(set.binding.map { "\($0)" } ?? "?") → \(set.role)"
            var privileges: [Privilege] = []
            for statement in set.statements where !statement.isDeny {
                let names = statement.resourceNames.map(\.value).sorted()
                let groups = statement.apiGroups.isEmpty ? [""] : statement.apiGroups.map { $0.value.isEmpty ? "core" : $0.value }
                for action in statement.actions {
                    for resource in statement.resources {
                        for group in groups {
                            privileges.append(Privilege(action: action.value, resource: resource.value, group: group, scope: scope, names: names))
                        }
                    }
                    for url in statement.nonResourceURLs {
                        privileges.append(Privilege(action: action.value, resource: "url " + url.value, group: "", scope: "cluster-wide", names: []))
                    }
                }
            }
            for subject in set.subjects {
                var entry = table[subject.principal] ?? ([], [:])
                for privilege in privileges {
                    entry.privileges.insert(privilege)
                    if entry.through[privilege] == nil { entry.through[privilege] = via }
                }
                table[subject.principal] = entry
            }
        }
        return table
    }

    static func delta(base: IdentityModel, head: IdentityModel, library: RuleLibrary, isAgent: (PrincipalRef) -> Bool) -> [PrincipalDelta] {
        let before = privileges(of: base, library: library)
        let after = privileges(of: head, library: library)
        var deltas: [PrincipalDelta] = []
        for principal in Set(before.keys).union(after.keys).sorted() {
            let old = before[principal]?.privileges ?? []
            let new = after[principal]?.privileges ?? []
            let gained = new.subtracting(old).sorted()
            let lost = old.subtracting(new).sorted()
            guard !gained.isEmpty || !lost.isEmpty else { continue }
            var through: [String] = []
            for privilege in gained {
                if let via = after[principal]?.through[privilege], !through.contains(via) { through.append(via) }
            }
            deltas.append(PrincipalDelta(principal: principal, isNew: before[principal] == nil, isAgent: isAgent(principal),
                                         gained: gained, lost: lost, grantedThrough: through))
        }
        return deltas
    }
}
