import IdlintSyntax

/// Runs grant rules over the effective grants. One finding per rule and grantee: a
/// bound subject (reported where the binding names it, with the role's offending
/// elements as related locations) or an unbound role (reported on the element itself).
struct GrantRuleEvaluator: Sendable {
    let context: ModelContext

    private struct Hit {
        var grant: Grant
        var action: Located<String>
        var resource: Located<String>?
        var actionText: String
        var resourceText: String
    }

    func evaluate(_ rule: Rule, _ matcher: GrantMatcher, into findings: inout [Finding]) {
        var groups: [String: [Hit]] = [:]
        var order: [String] = []
        let candidates: [Int]
        if matcher.wildcard.contains(.actions) {
            candidates = context.grantsByAction["*"] ?? []
        } else if matcher.allows.isEmpty {
            candidates = Array(context.grants.indices)
        } else {
            candidates = context.candidateGrants(actions: matcher.allows.reduce(into: Set<String>()) { $0.formUnion($1.actions) })
        }
        for index in candidates {
            let grant = context.grants[index]
            guard let hit = hit(matcher, grant), applies(matcher, to: grant) else { continue }
            let key = Self.granteeKey(grant)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(hit)
        }
        for key in order {
            findings.append(finding(rule, key: key, hits: groups[key]!))
        }
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

    private func hit(_ matcher: GrantMatcher, _ grant: Grant) -> Hit? {
        let statement = grant.statement
        var located: Located<String>?
        for field in matcher.wildcard {
            guard let wildcard = field.values(of: statement).first(where: { $0.value == "*" }) else { return nil }
            if located == nil { located = wildcard }
        }
        if matcher.allows.isEmpty, let located {
            let resource = statement.resources.first
            return Hit(grant: grant, action: located, resource: resource, actionText: located.value, resourceText: resource?.value ?? "?")
        }
        for pattern in matcher.allows {
            guard let allowance = pattern.allowance(in: statement) else { continue }
            if allowance.action.value == "*", allowance.resource.value == "*", !matcher.includeFullWildcards { continue }
            return Hit(grant: grant, action: allowance.action, resource: allowance.resource,
                       actionText: pattern.display(action: allowance.action.value), resourceText: pattern.display(resource: allowance.resource.value))
        }
        return nil
    }

    private static func granteeKey(_ grant: Grant) -> String {
        if let subject = grant.subject {
            return "subject:\(subject.principal.identifier)@\(grant.binding.map { "\($0.kind)/\($0.namespace ?? "")/\($0.name)" } ?? "")"
        }
        return "role:\(grant.role.kind)/\(grant.role.namespace ?? "")/\(grant.role.name)"
    }

    private func finding(_ rule: Rule, key: String, hits: [Hit]) -> Finding {
        let first = hits[0]
        let grant = first.grant
        let actions = Self.distinct(hits.map(\.actionText))
        let resources = Self.distinct(hits.map(\.resourceText))
        let scopes = Self.distinct(hits.map(\.grant.scope.description))
        let grantee: String
        let location: SourceLocation
        var related: [RelatedLocation] = []
        let documentKind: String
        if let subject = grant.subject, let binding = grant.binding {
            grantee = "\(subject.principal) (through \(binding) → \(grant.role)\(grant.role.location == nil ? ", built in" : ""))"
            location = subject.location ?? binding.location ?? SourceLocation(file: "?", span: SourceSpan(at: SourcePosition(line: 1, column: 1)))
            documentKind = "k8s.\(binding.kind)"
            if let roleLocation = grant.role.location {
                related.append(RelatedLocation(location: roleLocation, message: "\(grant.role) is defined here"))
            }
        } else {
            grantee = "\(grant.role) (not bound in the scanned files)"
            location = first.action.location ?? grant.role.location ?? SourceLocation(file: "?", span: SourceSpan(at: SourcePosition(line: 1, column: 1)))
            documentKind = "k8s.\(grant.role.kind)"
        }
        var seen = Set<SourceLocation>([location])
        for hit in hits {
            guard let place = hit.action.location, seen.insert(place).inserted else { continue }
            related.append(RelatedLocation(location: place, message: "\(hit.grant.role) grants '\(hit.action.value)' on \(hit.resource?.value ?? "?")"))
        }
        let message = MessageTemplate.render(rule.message) { placeholder in
            switch placeholder {
            case "grantee": grantee
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
            evidence: (actions + resources).joined(separator: " "), documentKind: documentKind, logicalPath: key,
            principal: grant.subject.map { "\($0.principal)" }
        )
    }

    private static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
