import IdlintSyntax

/// Runs grant rules over the effective grant sets. Each statement of a set is tested
/// once; then one finding per rule and grantee: each bound subject (reported where the
/// binding names it, with the role's offending rules as related locations) or an
/// unbound role (reported on its first offending verb).
struct GrantRuleEvaluator: Sendable {
    let context: ModelContext

    /// What one statement contributes to a finding.
    private struct Hit {
        /// Where to point: the first granted verb that matched.
        var anchor: SourceLocation?
        /// Verb and resource as they read in a message (wildcards spelled out).
        var permissions: [(action: String, resource: String)]
        /// Which `allows-all` patterns this statement satisfies.
        var satisfied: Set<Int>
        /// The role that grants it (for related-location messages).
        var role: ObjectRef? = nil
        /// Each matched `allows-all` pattern's place and permissions, so that a finding of
        /// alternative combinations names the combination found, not a part of another.
        var parts: [(pattern: Int, anchor: SourceLocation?, permissions: [(action: String, resource: String)])] = []
    }

    func evaluate(_ rule: Rule, _ matcher: GrantMatcher, into findings: inout [Finding]) {
        let patterns = matcher.allows + matcher.allowsAll
        let masks = context.statementIndex.masks(for: patterns)
        // Inside a namespace, cluster-scoped resources are out of reach: a Role that lists
        // nodes/proxy grants nothing on it.
        let everywhere = patterns.map(Optional.some)
        let insideNamespace = patterns.map { $0.reachableInsideNamespace() }
        // A pattern about named objects reads statements narrowed to names too.
        let namesObjects = patterns.contains { !$0.resourceNames.isEmpty }
        // For allows-all, a principal may hold the parts through different bindings.
        var parts: [PrincipalRef: (set: GrantSet, subject: SubjectRef, hits: [Hit])] = [:]
        var order: [PrincipalRef] = []
        let consultsIndex = !patterns.isEmpty && matcher.wildcard.isEmpty
        for index in candidates(matcher, patterns) {
            // The index first: it is compact, and most sets and statements fail it without
            // their objects being read, which on a large corpus was a cache miss each.
            if consultsIndex, !context.statementIndex.anyAllowMayAllow(set: index, masks) { continue }
            let set = context.grantSets[index]
            if !matcher.platforms.isEmpty, !matcher.platforms.contains(set.platform) { continue }
            if let bound = matcher.bound, bound != set.isBound { continue }
            if !matcher.scopes.isEmpty, !matcher.scopes.contains(where: { $0.accepts(set.scope) }) { continue }
            if !matcher.subjects.isEmpty, !set.isBound { continue }
            var hits: [Hit] = []
            // Unconditional Deny statements of the same policy take precedence over its Allows,
            // and a boundary caps them: both judged once per set and pattern, when needed.
            let denies = set.unconditionalDenies
            var permitted: [Int: Set<String>?] = [:]
            func permittedActions(_ pattern: Int) -> Set<String>? {
                if let known = permitted[pattern] { return known }
                let actions = patterns[pattern].permittedActions(deniedBy: denies, boundedBy: set.boundaryStatements)
                permitted[pattern] = actions
                return actions
            }
            let reachable = set.platform == .kubernetes && ScopeFilter.namespace.accepts(set.scope) ? insideNamespace : everywhere
            if !matcher.wildcard.isEmpty, Self.cancelsWildcards(denies: denies, boundary: set.boundaryStatements) { continue }
            for (position, statement) in set.statements.enumerated() {
                if consultsIndex, !context.statementIndex.mayAllow(set: index, statement: position, masks) { continue }
                guard !statement.isDeny, matcher.includeNarrowed || !statement.isNarrowed || namesObjects else { continue }
                if var hit = hit(matcher, reachable, statement, permitted: permittedActions) {
                    hit.role = set.role
                    hits.append(hit)
                }
            }
            guard !hits.isEmpty else { continue }
            if !matcher.allowsAll.isEmpty {
                if set.isBound {
                    for subject in set.subjects where accepts(matcher.subjects, subject.principal) {
                        if parts[subject.principal] == nil {
                            order.append(subject.principal)
                            parts[subject.principal] = (set, subject, [])
                        }
                        parts[subject.principal]!.hits += hits
                    }
                    continue
                }
                // An AWS role's policies together: the parts may sit in different ones.
                if let owner = set.owner, matcher.subjects.isEmpty {
                    let holder = PrincipalRef(platform: set.platform, kind: owner.kind, name: owner.name, namespace: owner.location?.file)
                    if parts[holder] == nil {
                        order.append(holder)
                        parts[holder] = (set, SubjectRef(principal: holder, location: nil), [])
                    }
                    parts[holder]!.hits += hits
                    continue
                }
                guard Self.covers(hits, matcher) else { continue }
                hits = Self.completed(hits, matcher)
            }
            if set.isBound {
                for subject in set.subjects where accepts(matcher.subjects, subject.principal) {
                    findings.append(finding(rule, set, subject: subject, hits: hits))
                }
            } else {
                findings.append(finding(rule, set, subject: nil, hits: hits))
            }
        }
        for principal in order {
            let (set, subject, hits) = parts[principal]!
            if Self.covers(hits, matcher) { findings.append(finding(rule, set, subject: subject, hits: Self.completed(hits, matcher))) }
        }
        DirectGrantRuleEvaluator(context: context).evaluate(rule, matcher, into: &findings)
    }

    /// Whether the hits together satisfy every `allows-all` pattern of one combination.
    private static func covers(_ hits: [Hit], _ matcher: GrantMatcher) -> Bool {
        let satisfied = hits.reduce(into: Set<Int>()) { $0.formUnion($1.satisfied) }
        return matcher.combinations.contains { $0.allSatisfy(satisfied.contains) }
    }

    /// Sets that can possibly match: those listing a wanted verb, or `*`.
    private func candidates(_ matcher: GrantMatcher, _ patterns: [GrantPattern]) -> [Int] {
        if matcher.wildcard.contains(.actions) { return context.statementIndex.setsWithWildcardAction() }
        if patterns.isEmpty { return Array(context.grantSets.indices) }
        return context.statementIndex.sets(listing: patterns)
    }

    private func accepts(_ filters: Set<SubjectFilter>, _ principal: PrincipalRef) -> Bool {
        filters.isEmpty || filters.contains { filter in
            switch filter {
            case .agent: context.isAgent(principal)
            case .serviceAccount: principal.kind == "ServiceAccount"
            case .user: principal.kind == "User"
            case .group: principal.kind == "Group"
            case .domain: principal.kind == "Domain"
            case .public: principal.kind == "Public"
            }
        }
    }

    /// Everything allowed and everything denied cancel out; so does a boundary that does
    /// not allow everything itself.
    private static func cancelsWildcards(denies: [PermissionStatement], boundary: [PermissionStatement]?) -> Bool {
        if denies.contains(where: isEverything) { return true }
        guard let boundary else { return false }
        return !boundary.contains { !$0.isDeny && !$0.isNarrowed && isEverything($0) } || boundary.contains { $0.isDeny && !$0.isNarrowed && isEverything($0) }
    }

    /// `patterns` holds nil where a pattern cannot be met in the set's scope.
    private func hit(_ matcher: GrantMatcher, _ patterns: [GrantPattern?], _ statement: PermissionStatement, permitted: (Int) -> Set<String>?) -> Hit? {
        var anchor: Located<String>?
        for field in matcher.wildcard {
            // A literal '*': the '*' of a NotAction or NotResource leaves something out.
            guard let wildcard = statement.literalWildcard(in: field) else { return nil }
            if anchor == nil { anchor = wildcard }
        }
        if let anchor, patterns.isEmpty {
            return Hit(anchor: statement.location(of: anchor), permissions: [("'*'", statement.resources.first?.value ?? "?")], satisfied: [])
        }
        var permissions: [(action: String, resource: String)] = []
        var satisfied = Set<Int>()
        var parts: [(pattern: Int, anchor: SourceLocation?, permissions: [(action: String, resource: String)])] = []
        for (index, pattern) in patterns.enumerated() {
            guard let pattern, matcher.includeNarrowed || !statement.isNarrowed || !pattern.resourceNames.isEmpty,
                  let allowance = pattern.allowance(in: statement, permitted: { permitted(index) }) else { continue }
            if allowance.isFullWildcard, !matcher.includeFullWildcards { continue }
            if anchor == nil { anchor = allowance.actions[0] }
            // Distinct values only, and a bounded number of pairs: a hostile role may repeat
            // one verb and one resource thousands of times.
            var found: [(action: String, resource: String)] = []
            for action in Self.distinct(allowance.actions.map(\.value)).prefix(64) {
                for resource in Self.distinct(allowance.resources.map(\.value)).prefix(64) {
                    found.append((pattern.display(action: action, excluding: statement.excludedActions, reaching: allowance.reachedThroughNotAction),
                                  pattern.display(resource: resource, excluding: statement.excludedResources)))
                }
            }
            permissions += found
            if index >= matcher.allows.count {
                satisfied.insert(index - matcher.allows.count)
                parts.append((index - matcher.allows.count, statement.location(of: allowance.actions[0]), found))
            }
        }
        guard let anchor, !permissions.isEmpty else { return nil }
        return Hit(anchor: statement.location(of: anchor), permissions: permissions, satisfied: satisfied, parts: parts)
    }

    /// The hits cut down to the patterns of the combinations they complete, when a rule
    /// names alternatives: a role that can take over functions and also holds iam:PassRole
    /// is told about the functions, not about a PassRole that completes no path.
    private static func completed(_ hits: [Hit], _ matcher: GrantMatcher) -> [Hit] {
        guard matcher.combinations.count > 1 else { return hits }
        let satisfied = hits.reduce(into: Set<Int>()) { $0.formUnion($1.satisfied) }
        let complete = Set(matcher.combinations.filter { $0.allSatisfy(satisfied.contains) }.flatMap { Array($0) })
        return hits.compactMap { hit in
            let kept = hit.parts.filter { complete.contains($0.pattern) }
            guard let first = kept.first else { return nil }
            var hit = hit
            hit.parts = kept
            hit.anchor = first.anchor ?? hit.anchor
            var seen = Set<String>()
            hit.permissions = kept.flatMap(\.permissions).filter { seen.insert($0.action + "\u{0}" + $0.resource).inserted }
            return hit
        }
    }

    private func finding(_ rule: Rule, _ set: GrantSet, subject: SubjectRef?, hits: [Hit]) -> Finding {
        let pairs = hits.flatMap(\.permissions)
        let grantee: String
        let location: SourceLocation
        let logicalPath: String
        let documentKind: String
        var related: [RelatedLocation] = []
        var principal = subject.map { "\($0.principal)" }
        if subject != nil, set.binding == nil, let owner = set.owner {
            // A role or user whose policies together hold the permissions.
            grantee = "\(owner.kind) \(owner.name) (through its policies)"
            principal = "\(owner.kind) \(owner.name)"
            location = hits[0].anchor ?? owner.location ?? .unknown
            documentKind = Self.documentKind(set.role.kind, set.platform)
            logicalPath = "owner:\(owner.kind)/\(owner.name)" + Environment.qualifier(of: owner.location)
        } else if let subject, let binding = set.binding {
            grantee = "\(subject.principal) (through \(binding) → \(set.role)\(set.role.location == nil ? ", built in" : ""))"
            location = subject.location ?? binding.location ?? .unknown
            documentKind = Self.documentKind(binding.kind, set.platform)
            logicalPath = "subject:\(subject.principal.identifier)@\(binding.kind)/\(binding.namespace ?? "")/\(binding.name)"
                + Environment.qualifier(of: binding.location)
            if let roleLocation = set.role.location {
                related.append(RelatedLocation(location: roleLocation, message: "\(set.role) is defined here"))
            }
        } else {
            grantee = set.platform == .kubernetes ? "\(set.role) (not bound in the scanned files)" : "\(set.role)"
            location = hits[0].anchor ?? set.role.location ?? .unknown
            documentKind = Self.documentKind(set.role.kind, set.platform)
            logicalPath = "role:\(set.role.kind)/\(set.role.namespace ?? "")/\(set.role.name)" + Environment.qualifier(of: set.role.location)
        }
        var seen: [SourceLocation] = [location]
        for hit in hits {
            guard let place = hit.anchor, !seen.contains(place) else { continue }
            seen.append(place)
            related.append(RelatedLocation(location: place, message: "\(hit.role ?? set.role) grants \(Self.describe(hit.permissions))"))
        }
        let permissions = Self.describe(pairs)
        let message = MessageTemplate.render(rule.message) { placeholder in
            switch placeholder {
            case "grantee": grantee
            case "permissions": permissions
            case "action": Self.distinct(pairs.map(\.action)).joined(separator: ", ")
            case "resource": Self.distinct(pairs.map(\.resource)).joined(separator: ", ")
            case "scope": set.scope.description
            case "subject": subject.map { "\($0.principal)" } ?? "(none)"
            case "role": "\(set.role)"
            case "binding": set.binding.map { "\($0)" } ?? "(none)"
            case "narrowing": Self.narrowing(set)
            default: nil
            }
        }
        return Finding(
            ruleID: rule.id, severity: rule.severity, message: message, location: location, relatedLocations: RelatedPlaces(related),
            evidence: permissions, documentKind: documentKind, logicalPath: logicalPath,
            principal: principal
        )
    }

    /// The placeholders a grant rule's message may name.
    static let placeholderNames: Set<String> = ["grantee", "permissions", "action", "resource", "scope", "subject", "role", "binding", "narrowing"]

    /// `*` on `*`, both literal: everything but a NotAction's or NotResource's list is less.
    private static func isEverything(_ statement: PermissionStatement) -> Bool {
        statement.literalWildcard(in: .actions) != nil && statement.literalWildcard(in: .resources) != nil
    }

    /// What was weighed before an AWS grant was called dangerous, for the message: the
    /// policy's Deny statements and the permission boundary of its role or user.
    static func narrowing(_ set: GrantSet) -> String {
        let policy = !set.unconditionalDenies.isEmpty ? "the policy's Deny statements leave it allowed" : "no condition or Deny in the policy narrows it"
        switch set.boundary {
        case .unknown:
            return policy
        case .none:
            return policy + ", and its role or user has no permission boundary"
        case .named(let boundary) where boundary.statements == nil:
            return policy + "; permission boundary \(boundary.reference) is not among the scanned files, so check that it forbids this"
        case .named(let boundary):
            return policy + ", and permission boundary \(boundary.reference) allows it too"
        }
    }

    /// The kind that recognition gave the object (`k8s.ClusterRole`, `aws.iam.policy`).
    private static func documentKind(_ kind: String, _ platform: Platform) -> String {
        switch platform {
        case .kubernetes: DocumentKind.kubernetes(kind).rawValue
        case .aws: (kind == "TrustPolicy" ? DocumentKind.awsTrustPolicy : .awsPolicy).rawValue
        case .gcp: DocumentKind.gcpPolicy.rawValue
        case .azure: DocumentKind.azureRoleDefinition.rawValue
        case .keycloak, .entra, .auth0, .github, .gitlab, .mcp, .oidc, .saml: kind
        }
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

    /// The values without repeats, in their first order.
    static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
