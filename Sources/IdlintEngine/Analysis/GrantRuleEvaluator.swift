import IdlintSyntax

/// Runs grant rules over the effective grants. One finding per rule and grantee: a
/// bound subject (reported where the binding names it, with the role's offending
/// elements as related locations) or an unbound role (reported on the element itself).
struct GrantRuleEvaluator: Sendable {
    let context: ModelContext

    /// What one statement contributes to a finding.
    private struct Hit {
        var grant: Grant
        /// Where to point: the first granted verb that matched.
        var anchor: Located<String>
        /// Verb and resource as they read in a message (wildcards spelled out).
        var permissions: [(action: String, resource: String)]
        /// Which `allows-all` patterns this statement satisfies.
        var satisfied: Set<Int>
    }

    func evaluate(_ rule: Rule, _ matcher: GrantMatcher, into findings: inout [Finding]) {
        var groups: [Int: [Hit]] = [:]
        var order: [Int] = []
        let patterns = matcher.allows + matcher.allowsAll
        for index in candidates(matcher) {
            let grant = context.grants[index]
            guard let hit = hit(matcher, patterns, grant), applies(matcher, to: grant) else { continue }
            let grantee = context.granteeIDs[index]
            if groups[grantee] == nil { order.append(grantee) }
            groups[grantee, default: []].append(hit)
        }
        for grantee in order {
            let key = context.granteeKeys[grantee]
            let hits = groups[grantee]!
            if !matcher.allowsAll.isEmpty {
                let covered = hits.reduce(into: Set<Int>()) { $0.formUnion($1.satisfied) }
                guard covered.count == matcher.allowsAll.count else { continue }
            }
            findings.append(finding(rule, key: key, hits: hits))
        }
    }

    /// Grants that can possibly match: those listing a wanted verb, or `*`.
    private func candidates(_ matcher: GrantMatcher) -> [Int] {
        if matcher.wildcard.contains(.actions) { return context.grantsByAction["*"] ?? [] }
        let patterns = matcher.allows + matcher.allowsAll
        if patterns.isEmpty { return Array(context.grants.indices) }
        return context.candidateGrants(actions: patterns.reduce(into: Set<String>()) { $0.formUnion($1.actions) })
    }

    private func applies(_ matcher: GrantMatcher, to grant: Grant) -> Bool {
        if !matcher.platforms.isEmpty, !matcher.platforms.contains(grant.platform) { return false }
        if let bound = matcher.bound, bound != (grant.subject != nil) { return false }
        if grant.statement.isDeny { return false }
        if grant.statement.isNarrowed, !matcher.includeNarrowed { return false }
        if let filter = matcher.subject {
            guard let principal = grant.subject?.principal else { return false }
            switch filter {
            case .agent: return context.isAgent(principal)
            case .serviceAccount: return principal.kind == "ServiceAccount"
            case .user: return principal.kind == "User"
            case .group: return principal.kind == "Group"
            }
        }
        return true
    }

    private func hit(_ matcher: GrantMatcher, _ patterns: [GrantPattern], _ grant: Grant) -> Hit? {
        let statement = grant.statement
        var anchor: Located<String>?
        for field in matcher.wildcard {
            guard let wildcard = field.values(of: statement).first(where: { $0.value == "*" }) else { return nil }
            if anchor == nil { anchor = wildcard }
        }
        var permissions: [(String, String)] = []
        if let anchor, matcher.allows.isEmpty, matcher.allowsAll.isEmpty {
            permissions.append((anchor.value, statement.resources.first?.value ?? "?"))
            return Hit(grant: grant, anchor: anchor, permissions: permissions, satisfied: [])
        }
        var satisfied = Set<Int>()
        for (index, pattern) in patterns.enumerated() {
            guard let allowance = pattern.allowance(in: statement) else { continue }
            if allowance.isFullWildcard, !matcher.includeFullWildcards { continue }
            if anchor == nil { anchor = allowance.actions[0] }
            for action in allowance.actions {
                for resource in allowance.resources {
                    permissions.append((pattern.display(action: action.value), pattern.display(resource: resource.value)))
                }
            }
            if index >= matcher.allows.count { satisfied.insert(index - matcher.allows.count) }
        }
        guard let anchor, !permissions.isEmpty else { return nil }
        return Hit(grant: grant, anchor: anchor, permissions: permissions, satisfied: satisfied)
    }

    private func finding(_ rule: Rule, key: String, hits: [Hit]) -> Finding {
        let first = hits[0]
        let grant = first.grant
        let pairs = hits.flatMap(\.permissions)
        let actions = Self.distinct(pairs.map(\.action))
        let resources = Self.distinct(pairs.map(\.resource))
        let scopes = Self.distinct(hits.map(\.grant.scope.description))
        let grantee: String
        let location: SourceLocation
        var related: [RelatedLocation] = []
        let documentKind: String
        let fallback = SourceLocation(file: "?", span: SourceSpan(at: SourcePosition(line: 1, column: 1)))
        if let subject = grant.subject, let binding = grant.binding {
            grantee = "\(subject.principal) (through \(binding) → \(grant.role)\(grant.role.location == nil ? ", built in" : ""))"
            location = subject.location ?? binding.location ?? fallback
            documentKind = "k8s.\(binding.kind)"
            if let roleLocation = grant.role.location {
                related.append(RelatedLocation(location: roleLocation, message: "\(grant.role) is defined here"))
            }
        } else {
            grantee = "\(grant.role) (not bound in the scanned files)"
            location = first.anchor.location ?? grant.role.location ?? fallback
            documentKind = "k8s.\(grant.role.kind)"
        }
        var seen = Set<SourceLocation>([location])
        for hit in hits {
            guard let place = hit.anchor.location, seen.insert(place).inserted else { continue }
            related.append(RelatedLocation(location: place, message: "\(hit.grant.role) grants \(Self.describe(hit.permissions))"))
        }
        let message = MessageTemplate.render(rule.message) { placeholder in
            switch placeholder {
            case "grantee": grantee
            case "permissions": Self.describe(pairs)
            case "action": actions.joined(separator: ", ")
            case "resource": resources.joined(separator: ", ")
            case "scope": scopes.joined(separator: "; ")
            case "subject": grant.subject.map { "\($0.principal)" } ?? "(none)"
            case "role": "\(grant.role)"
            case "binding": grant.binding.map { "\($0)" } ?? "(none)"
            default: nil
            }
        }
        return Finding(
            ruleID: rule.id, severity: rule.severity, message: message, location: location, relatedLocations: related,
            evidence: Self.describe(pairs), documentKind: documentKind, logicalPath: key,
            principal: grant.subject.map { "\($0.principal)" }
        )
    }

    /// "get, list secrets; create pods/exec": verbs grouped by the resources they reach.
    static func describe(_ pairs: [(action: String, resource: String)]) -> String {
        var resourcesByAction: [(action: String, resources: [String])] = []
        for (action, resource) in pairs {
            if let index = resourcesByAction.firstIndex(where: { $0.action == action }) {
                if !resourcesByAction[index].resources.contains(resource) { resourcesByAction[index].resources.append(resource) }
            } else {
                resourcesByAction.append((action, [resource]))
            }
        }
        var groups: [(resources: [String], actions: [String])] = []
        for (action, resources) in resourcesByAction {
            if let index = groups.firstIndex(where: { $0.resources == resources }) {
                groups[index].actions.append(action)
            } else {
                groups.append((resources, [action]))
            }
        }
        return groups.map { "\($0.actions.joined(separator: ", ")) \($0.resources.joined(separator: ", "))" }.joined(separator: "; ")
    }

    private static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
