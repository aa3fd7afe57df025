import IdlintSyntax

/// Grant rules over direct grants: the privileges of Keycloak users and service accounts,
/// Entra applications, Auth0 clients, workflow and GitLab jobs, MCP servers, OIDC clients
/// and SAML entities, as the change gate's delta names them. A rule judges them only
/// for the platforms it names (`platforms: [keycloak, github]`): those platforms have no
/// grant sets, so no built-in rule, which names Kubernetes and the clouds or none,
/// reports anything new, and a team writes one rule over several platforms.
///
/// A pattern's actions and resources are read as the delta writes them (`realm-admin`
/// on `roles of client realm-management`, `write` on `contents`, `update:users` on an
/// API's audience): a granted `*` reaches every action or resource, as in the other
/// platforms, and a `*` in the pattern stands for any text (`roles of client *`), since
/// these resources are names, not a hierarchy a wildcard grant could cover.
struct DirectGrantRuleEvaluator: Sendable {
    /// The platforms whose grants are only direct ones.
    static let platforms: Set<Platform> = [.keycloak, .entra, .auth0, .github, .gitlab, .mcp, .oidc, .saml]

    let context: ModelContext

    func evaluate(_ rule: Rule, _ matcher: GrantMatcher, into findings: inout [Finding]) {
        let named = matcher.platforms.intersection(Self.platforms)
        // Scopes and unbound roles are notions of grant sets; a direct grant is always held.
        guard !named.isEmpty, matcher.scopes.isEmpty, matcher.bound != false else { return }
        // Each pattern's globs compiled once per rule, not once per privilege they are tried on.
        let patterns = (matcher.allows + matcher.allowsAll).map(CompiledPattern.init)
        for grant in context.model.directGrants where named.contains(grant.principal.platform) && accepts(matcher.subjects, grant.principal) {
            var pairs: [(action: String, resource: String)] = []
            var satisfied = Set<Int>()
            var scopes: [String] = []
            for privilege in grant.privileges where !privilege.isDeny && (matcher.includeNarrowed || (privilege.conditions.isEmpty && privilege.names.isEmpty)) {
                var matched = matcher.wildcard.allSatisfy { field in
                    switch field {
                    case .actions: privilege.action == "*"
                    case .resources: privilege.resource == "*"
                    case .apiGroups: false
                    }
                }
                // `*` on `*` is left to wildcard rules unless the rule asks for it.
                if matched, !patterns.isEmpty {
                    let everything = privilege.action == "*" && privilege.resource == "*"
                    let reached = everything && matcher.wildcard.isEmpty && !matcher.includeFullWildcards ? [] : patterns.indices.filter { patterns[$0].reaches(privilege) }
                    satisfied.formUnion(reached.filter { $0 >= matcher.allows.count }.map { $0 - matcher.allows.count })
                    matched = !reached.isEmpty
                }
                guard matched else { continue }
                pairs.append((privilege.action, privilege.resource))
                if !scopes.contains(privilege.scope) { scopes.append(privilege.scope) }
            }
            guard !pairs.isEmpty else { continue }
            if !matcher.allowsAll.isEmpty, !matcher.combinations.contains(where: { $0.allSatisfy(satisfied.contains) }) { continue }
            findings.append(finding(rule, grant, pairs: pairs, scope: scopes.joined(separator: "; ")))
        }
    }

    /// A grant pattern's actions and resources as globs over a direct grant's text.
    private struct CompiledPattern {
        let actions: [GlobPattern]
        let resources: [GlobPattern]

        init(_ pattern: GrantPattern) {
            actions = pattern.actions.map { GlobPattern.overText($0, caseInsensitive: true) }
            resources = pattern.resources.map { GlobPattern.overText($0, caseInsensitive: true) }
        }

        /// Whether a privilege reaches what the pattern asks for.
        func reaches(_ privilege: Privilege) -> Bool {
            (privilege.action == "*" || actions.contains { $0.matches(privilege.action) })
                && (privilege.resource == "*" || resources.contains { $0.matches(privilege.resource) })
        }
    }

    private func accepts(_ filters: Set<SubjectFilter>, _ principal: PrincipalRef) -> Bool {
        filters.isEmpty || filters.contains { filter in
            switch filter {
            case .agent: principal.platform == .mcp || context.isAgent(principal)
            case .serviceAccount: principal.kind.hasPrefix("Service account")
            case .user: principal.kind == "User"
            case .group, .domain, .public: false
            }
        }
    }

    private func finding(_ rule: Rule, _ grant: DirectGrant, pairs: [(action: String, resource: String)], scope: String) -> Finding {
        let permissions = GrantRuleEvaluator.describe(pairs)
        let message = MessageTemplate.render(rule.message) { placeholder in
            switch placeholder {
            case "grantee", "subject": "\(grant.principal)"
            case "permissions": permissions
            case "action": GrantRuleEvaluator.distinct(pairs.map(\.action)).joined(separator: ", ")
            case "resource": GrantRuleEvaluator.distinct(pairs.map(\.resource)).joined(separator: ", ")
            case "scope": scope
            case "role": grant.through
            case "binding": "(none)"
            case "narrowing": "no condition narrows it"
            default: nil
            }
        }
        return Finding(
            ruleID: rule.id, severity: rule.severity, message: message, location: grant.location ?? .unknown, relatedLocations: [],
            evidence: permissions, documentKind: "\(grant.principal.platform.rawValue).\(grant.principal.kind)",
            logicalPath: "direct:\(grant.principal.identifier)@\(grant.through)",
            principal: "\(grant.principal)"
        )
    }
}
