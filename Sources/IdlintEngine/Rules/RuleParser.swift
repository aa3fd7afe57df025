import IdlintSyntax

/// Reads rule definitions from a ruleset's YAML nodes; every mistake names its position.
enum RuleParser {
    /// What a rule's paths are read with: its file's path sets, and, when every kind the
    /// rule names is read from XML only, those kinds: such paths may not step into a list.
    struct PathContext {
        var sets: [String: NodePath]
        var xmlOnlyKinds: [DocumentKind]?
    }

    static let ruleKeys: Set<String> = ["id", "title", "severity", "rationale", "remediation", "controls", "control-rationale", "message", "match", "help-uri",
                                        "value-names", "precision"]

    /// `paths` are the path sets of the rule's file, which its paths may name (`%statements`).
    static func parseRule(_ node: Node, family: String, isBuiltIn: Bool, paths: [String: NodePath]) throws -> Rule {
        _ = try node.requireMapping("a rule")
        try node.allowOnly(ruleKeys, in: "a rule")
        let id = try node.requiredString("id")
        guard id.holdsOnlyLettersDigits(and: "-_.") else {
            throw DataFileError(node["id"]!, "rule id '\(id)' may hold only letters, digits, '-', '_' and '.'")
        }
        let severityText = try node.requiredString("severity")
        guard let severity = Severity(rawValue: severityText.lowercased()) else {
            throw DataFileError(node["severity"]!, "severity must be one of: \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let controls = try node.stringList("controls"), !controls.isEmpty else {
            throw DataFileError(node, "rule \(id) needs at least one control in 'controls'")
        }
        guard let match = node["match"] else { throw DataFileError(node, "rule \(id) needs a 'match'") }
        var rule = Rule(
            id: id, title: try node.requiredString("title"), severity: severity,
            rationale: try node.requiredString("rationale"), remediation: try node.requiredString("remediation"),
            controls: controls, family: family, message: try node.requiredString("message"),
            matcher: try parseMatcher(match, sets: paths), definedAt: node.location, isBuiltIn: isBuiltIn, helpURI: try node.optionalString("help-uri")
        )
        try rule.matcher.checkPlaceholders(in: node["message"]!, ruleID: id)
        rule.valueNames = try node.stringDictionary("value-names").reduce(into: [:]) { $0[$1.key.lowercased()] = $1.value }
        rule.controlRationale = try node.stringDictionary("control-rationale")
        if let precision = try node.optionalString("precision") {
            guard let chosen = RulePrecision(rawValue: precision) else {
                throw DataFileError(node["precision"]!, "precision must be one of: \(RulePrecision.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            rule.precision = chosen
        }
        for control in rule.controlRationale.keys where !controls.contains(control) {
            throw DataFileError(node["control-rationale"]!, "rule \(id) gives a rationale for \(control), which is not in its controls")
        }
        return rule
    }

    static func parseMatcher(_ node: Node, sets: [String: NodePath]) throws -> RuleMatcher {
        _ = try node.requireMapping("match")
        if let analysis = try node.optionalString("analysis") {
            try node.allowOnly(["analysis"], in: "an analysis match")
            guard AnalysisRegistry.names.contains(analysis) else {
                throw DataFileError(node["analysis"]!, "unknown analysis '\(analysis)'; known: \(AnalysisRegistry.names.sorted().joined(separator: ", "))")
            }
            return .analysis(analysis)
        }
        if let grants = node["grants"] {
            try node.allowOnly(["grants"], in: "a grant match")
            return .grants(try parseGrantMatcher(grants))
        }
        try node.allowOnly(["kinds", "each", "where", "at", "evidence"], in: "a document match")
        guard let kinds = try DocumentKind.list(in: node), !kinds.isEmpty else {
            throw DataFileError(node, "a document match needs 'kinds' (for example [k8s.ClusterRole])")
        }
        let paths = PathContext(sets: sets, xmlOnlyKinds: kinds.allSatisfy(DocumentKind.readOnlyFromXML.contains) ? kinds : nil)
        let evidence = try node.optionalString("evidence")
        guard evidence == nil || evidence == "secret" || evidence == "plain" else {
            throw DataFileError(node["evidence"]!, "evidence must be 'secret' or 'plain'")
        }
        // `at` is a path, or a path with a test: report the first node there that passes it.
        var at: NodePath?
        var atTest: NodeTest?
        if let atNode = node["at"], atNode.isMapping {
            guard case .test(let atPath, let test) = try parseCondition(atNode, paths: paths) else {
                throw DataFileError(atNode, "'at' takes a path, or a path with one test such as {path: steps[*].uses, glob: ...}")
            }
            if case .sameTextAsAnother = test { throw DataFileError(atNode, "'same-as-another' compares across the object and cannot choose where to report") }
            at = atPath
            atTest = test
        } else {
            at = try path(node, "at", paths: paths)
        }
        return .document(DocumentMatcher(
            kinds: Set(kinds), each: try path(node, "each", paths: paths), condition: try node["where"].map { try parseCondition($0, paths: paths) },
            at: at, atTest: atTest, evidenceIsSecret: evidence == "secret"
        ))
    }

    /// The keys of a condition that tests nodes: built once, not for each of the
    /// hundreds of conditions read at start-up.
    private static let testKeys: Set<String> = [
        "path", "equals", "in", "in-any-case", "glob", "glob-any-case", "path-glob", "exists", "is", "key-glob", "name-glob", "above", "below", "bits-below",
        "validity-days-above", "same-as-another", "days-until-above", "days-until-below", "certificate",
        "certificate-expires-within-days", "certificate-rsa-bits-below", "certificate-validity-days-above", "content", "iam-condition",
    ]

    static func parseCondition(_ node: Node, paths: PathContext) throws -> Condition {
        _ = try node.requireMapping("a condition")
        if let list = node["all"] ?? node["any"] {
            try node.allowOnly(["all", "any"], in: "a condition")
            if node["all"] != nil, node["any"] != nil {
                throw DataFileError(node, "a condition takes 'all' or 'any', not both; nest one inside the other")
            }
            guard list.isSequence, list.count > 0 else { throw DataFileError(list, "'all' and 'any' take a non-empty list of conditions") }
            let conditions = try list.elements.map { try parseCondition($0, paths: paths) }
            return node["all"] != nil ? .all(conditions) : .any(conditions)
        }
        if let negated = node["not"] {
            try node.allowOnly(["not"], in: "a condition")
            return .not(try parseCondition(negated, paths: paths))
        }
        if let inner = node["some"] {
            try node.allowOnly(["path", "some"], in: "a 'some' condition")
            guard let selected = try path(node, "path", paths: paths) else {
                throw DataFileError(node, "'some' needs a 'path': the nodes of which one must satisfy its condition")
            }
            return .some(path: selected, try parseCondition(inner, paths: paths))
        }
        try node.allowOnly(testKeys, in: "a condition")
        let selected = try path(node, "path", paths: paths) ?? NodePath.itself
        var tests: [NodeTest] = []
        if let values = try node.stringList("equals") { tests.append(.equals(values)) }
        if let values = try node.stringList("in") { tests.append(.equals(values)) }
        if let values = try node.stringList("in-any-case") { tests.append(.equalsIgnoringCase(values.map { $0.lowercased() })) }
        if let globs = try node.stringList("glob") { tests.append(.glob(globs.map { GlobPattern.overText($0) })) }
        // Names that people spell in either case (an env variable's `name`).
        if let globs = try node.stringList("glob-any-case") { tests.append(.glob(globs.map { GlobPattern.overText($0, caseInsensitive: true) })) }
        if let globs = try node.stringList("path-glob") { tests.append(.glob(globs.map { GlobPattern($0) })) }
        if let globs = try node.stringList("key-glob") { tests.append(.keyGlob(globs.map { GlobPattern.overText($0, caseInsensitive: true) })) }
        if let globs = try node.stringList("name-glob") { tests.append(.nameGlob(globs.map { GlobPattern.overText($0, caseInsensitive: true) })) }
        if let exists = try node.optionalBool("exists") { tests.append(.exists(exists)) }
        if let bound = try threshold(node, "above") { tests.append(.above(bound)) }
        if let bound = try threshold(node, "below") { tests.append(.below(bound)) }
        if let bound = try threshold(node, "bits-below") { tests.append(.bitsBelow(bound)) }
        if let bound = try threshold(node, "validity-days-above") { tests.append(.validityDaysAbove(bound)) }
        if let others = try path(node, "same-as-another", paths: paths) { tests.append(.sameTextAsAnother(others)) }
        if let bound = try threshold(node, "days-until-above") { tests.append(.daysUntilAbove(bound, now: nil)) }
        if let bound = try threshold(node, "days-until-below") { tests.append(.daysUntilBelow(bound, now: nil)) }
        if let keyword = try node.optionalString("certificate") {
            guard let test = CertificateTest.keywords[keyword] else {
                throw DataFileError(node["certificate"]!, "'certificate' takes one of: \(CertificateTest.keywords.keys.sorted().joined(separator: ", ")) (or use certificate-expires-within-days, certificate-rsa-bits-below, certificate-validity-days-above)")
            }
            tests.append(.certificate(test, now: nil))
        }
        if let keyword = try node.optionalString("content") {
            guard let test = ContentTest(rawValue: keyword) else {
                throw DataFileError(node["content"]!, "'content' takes one of: \(ContentTest.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            tests.append(.content(test))
        }
        if let keyword = try node.optionalString("iam-condition") {
            guard keyword == "narrows" else { throw DataFileError(node["iam-condition"]!, "'iam-condition' takes: narrows") }
            tests.append(.iamConditionNarrows)
        }
        if let bound = try threshold(node, "certificate-expires-within-days") { tests.append(.certificate(.expiresWithinDays(bound), now: nil)) }
        if let bound = try threshold(node, "certificate-rsa-bits-below") { tests.append(.certificate(.rsaBitsBelow(bound), now: nil)) }
        if let bound = try threshold(node, "certificate-validity-days-above") { tests.append(.certificate(.validityDaysAbove(bound), now: nil)) }
        if let shapeText = try node.optionalString("is") {
            guard let shape = NodeShape(rawValue: shapeText) else {
                throw DataFileError(node["is"]!, "'is' must be one of: \(NodeShape.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            tests.append(.shape(shape))
        }
        guard tests.count <= 1 else { throw DataFileError(node, "a condition takes one test; combine several with 'all'") }
        return .test(path: selected, tests.first ?? .exists(true))
    }

    static func parseGrantMatcher(_ node: Node) throws -> GrantMatcher {
        _ = try node.requireMapping("grants")
        try node.allowOnly(["platforms", "bound", "subject", "scope", "wildcard", "allows", "allows-all", "allows-any-combination", "include-narrowed", "include-full-wildcards"], in: "a grant match")
        let platforms = try (node.stringList("platforms") ?? []).map { name in
            guard let platform = Platform(rawValue: name) else { throw DataFileError(node["platforms"]!, "unknown platform '\(name)'") }
            return platform
        }
        let wildcard = try (node.stringList("wildcard") ?? []).map { name in
            guard let field = GrantField(rawValue: name) else {
                throw DataFileError(node["wildcard"]!, "wildcard fields are: \(GrantField.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return field
        }
        let subjects = try (node.stringList("subject") ?? []).map { text in
            guard let filter = SubjectFilter(rawValue: text) else {
                throw DataFileError(node["subject"]!, "subject must be one or more of: \(SubjectFilter.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return filter
        }
        let scopes = try (node.stringList("scope") ?? []).map { text in
            guard let scope = ScopeFilter(rawValue: text) else {
                throw DataFileError(node["scope"]!, "scope must be one or more of: \(ScopeFilter.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return scope
        }
        let allows = try patterns(node["allows"])
        var allowsAll = try patterns(node["allows-all"])
        // Alternatives: a list of combinations, each a list of patterns that must all be
        // allowed (escalation paths of one or several steps). They share `allowsAll`.
        var combinationEnds: [Int] = []
        if let combinations = node["allows-any-combination"] {
            guard allowsAll.isEmpty else { throw DataFileError(combinations, "a grant match takes 'allows-all' or 'allows-any-combination', not both") }
            guard combinations.isSequence, !combinations.elements.isEmpty else {
                throw DataFileError(combinations, "a list of combinations, each a list of patterns, was expected")
            }
            for combination in combinations.elements {
                let parts = try patterns(combination)
                guard !parts.isEmpty else { throw DataFileError(combination, "a combination needs at least one pattern") }
                allowsAll += parts
                combinationEnds.append(allowsAll.count)
            }
        }
        guard !allows.isEmpty || !allowsAll.isEmpty || !wildcard.isEmpty else {
            throw DataFileError(node, "a grant match needs 'allows', 'allows-all', 'allows-any-combination' or 'wildcard'")
        }
        var matcher = GrantMatcher(platforms: Set(platforms), bound: try node.optionalBool("bound"), subjects: Set(subjects), wildcard: wildcard,
                                   allows: allows, allowsAll: allowsAll, includeNarrowed: try node.optionalBool("include-narrowed") ?? false,
                                   includeFullWildcards: try node.optionalBool("include-full-wildcards") ?? false)
        matcher.scopes = Set(scopes)
        matcher.combinationEnds = combinationEnds
        return matcher
    }

    private static func patterns(_ list: Node?) throws -> [GrantPattern] {
        guard let list else { return [] }
        guard list.isSequence else { throw DataFileError(list, "a list of patterns ({actions, resources, apiGroups}) was expected") }
        return try list.elements.map { pattern -> GrantPattern in
            _ = try pattern.requireMapping("an allows pattern")
            try pattern.allowOnly(["actions", "action-set", "resources", "apiGroups", "resourceNames"], in: "an allows pattern")
            let actions = try pattern.stringList("actions")
            let actionSet = try pattern.optionalString("action-set")
            guard (actions == nil) != (actionSet == nil), let resources = try pattern.stringList("resources") else {
                throw DataFileError(pattern, "an allows pattern needs 'resources' and either 'actions' or 'action-set'")
            }
            return GrantPattern(actions: actions ?? [], resources: resources, apiGroups: try pattern.stringList("apiGroups") ?? [], actionSet: actionSet,
                                resourceNames: try pattern.stringList("resourceNames") ?? [])
        }
    }

    /// A number, or the name of a threshold from `rulesets/thresholds.yaml`.
    private static func threshold(_ node: Node, _ key: String) throws -> Threshold? {
        guard let value = node[key] else { return nil }
        guard value.isScalar, !value.text.isEmpty else { throw DataFileError(value, "'\(key)' takes a number or a threshold name") }
        if let number = Double(value.text) { return .literal(number) }
        guard value.text.holdsOnlyLettersDigits(and: "-") else {
            throw DataFileError(value, "'\(key)' takes a number or a threshold name such as access-token-lifespan-seconds")
        }
        return .named(value.text)
    }

    private static func path(_ node: Node, _ key: String, paths: PathContext) throws -> NodePath? {
        guard let text = try node.optionalString(key) else { return nil }
        let path: NodePath
        do {
            path = try NodePath(text, sets: paths.sets)
        } catch let error as NodePath.ParseError {
            throw DataFileError(node[key]!, error.message)
        }
        if let kinds = paths.xmlOnlyKinds, path.stepsIntoLists {
            throw DataFileError(node[key]!, "'\(text)' steps into a list ([*] or [N]), which \(kinds.map(\.rawValue).joined(separator: ", ")) never hold: "
                + "they are read from XML, where a repeated element is a repeated key, visited by its name alone (KeyDescriptor, not KeyDescriptor[*])")
        }
        return path
    }
}
