import FoundationEssentials
import IdlintSyntax

/// Runs document rules over one recognised object. Pure and per-object, so it runs
/// inside the parallel per-file stage while the parse tree is still in memory.
struct DocumentRuleEvaluator: Sendable {
    /// A document rule reduced to what matching needs; the full rule is looked up only
    /// for a finding, so walking many objects copies no rule metadata.
    private final class CompiledRule: Sendable {
        let ruleIndex: Int
        let each: NodePath
        let condition: Condition?
        let at: NodePath?
        let atTest: NodeTest?
        let matcher: DocumentMatcher

        init(ruleIndex: Int, matcher: DocumentMatcher, now: Date) {
            self.ruleIndex = ruleIndex
            self.each = matcher.each ?? NodePath.itself
            self.condition = matcher.condition?.judged(asOf: now)
            self.at = matcher.at
            self.atTest = matcher.atTest?.judged(asOf: now)
            self.matcher = matcher
        }

        /// Where to report a candidate that matched: `at`'s first node (passing `atTest`).
        func target(in candidate: NodePath.Match, root: Node) -> NodePath.Match {
            guard let at else { return candidate }
            var found: NodePath.Match?
            at.forEach(from: NodePath.Match(node: candidate.node, key: nil), root: root) { match in
                if atTest?.passes(match) ?? true { found = match }
                return found == nil
            }
            return found ?? candidate
        }
    }

    private let rules: [Rule]
    /// Compiled rules by the object kind they apply to.
    private let rulesByKind: [DocumentKind: [CompiledRule]]

    /// `now` is the scan's clock: certificate expiry and metadata validity are judged as
    /// of that moment.
    init(rules: [Rule], now: Date) {
        self.rules = rules
        var byKind: [DocumentKind: [CompiledRule]] = [:]
        for (index, rule) in rules.enumerated() {
            guard case .document(let matcher) = rule.matcher else { continue }
            let compiled = CompiledRule(ruleIndex: index, matcher: matcher, now: now)
            for kind in matcher.kinds { byKind[kind, default: []].append(compiled) }
        }
        rulesByKind = byKind
    }

    func evaluate(_ object: RecognizedObject, into findings: inout [Finding]) {
        guard let compiledRules = rulesByKind[object.kind] else { return }
        // The walk sees the root and gathers what it matches; findings are made after it.
        // A walk that held the object (to make findings as it went) copied and destroyed
        // it at every level of every walk: 3% of a scan.
        let root = object.node
        // Built on the first finding only: most objects have none.
        var paths: PathIndex?
        var matched: [(candidate: NodePath.Match, target: NodePath.Match)] = []
        for compiled in compiledRules {
            compiled.each.forEach(from: root) { candidate in
                if compiled.condition?.holds(at: candidate, root: root) ?? true {
                    matched.append((candidate, compiled.target(in: candidate, root: root)))
                }
                return true
            }
            for (candidate, target) in matched {
                if paths == nil { paths = PathIndex(root: root) }
                findings.append(finding(rules[compiled.ruleIndex], compiled.matcher, object, candidate, target, paths!))
            }
            matched.removeAll(keepingCapacity: true)
        }
    }

    /// Values that are secret wherever a rule points at them: a Secret's data, and the
    /// annotation in which kubectl keeps the whole applied object, data included.
    private static func isSecretMaterial(_ object: RecognizedObject, path: String) -> Bool {
        guard object.kind == .kubernetesSecret else { return false }
        return [".data", ".stringData", ".metadata.annotations.kubectl.kubernetes.io/last-applied-configuration"]
            .contains { path == $0 || path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[") }
    }

    /// The placeholders a document rule's message may name besides paths.
    static let placeholderNames: Set<String> = ["kind", "name", "namespace", "value", "key", "value-name", "statement", "certificate"]

    private func finding(_ rule: Rule, _ matcher: DocumentMatcher, _ object: RecognizedObject, _ candidate: NodePath.Match, _ target: NodePath.Match,
                         _ paths: PathIndex) -> Finding {
        let targetPath = paths.path(to: target.node) ?? ""
        let raw = target.node.isScalar ? target.node.text : nil
        let secret = matcher.evidenceIsSecret || Self.isSecretMaterial(object, path: targetPath)
        let evidence = raw.map { secret ? Redaction.redact($0) : Self.clip($0) }
        let message = MessageTemplate.render(rule.message) { placeholder in
            switch placeholder {
            case "kind": return object.kind.shortName
            case "name": return object.name
            case "namespace": return object.namespace ?? "default"
            case "value": return evidence
            case "key": return target.key?.text
            case "value-name": return secret ? evidence : raw.map { rule.valueNames[$0.lowercased()] ?? $0 }
            // An IAM statement (the candidate) in words: what it allows on what.
            case "statement": return AWSPolicy.describe(statement: candidate.node)
            case "certificate":
                // The reported certificate as people know it: subject, expiry, key, signature.
                guard let raw else { return "an empty certificate element" }
                switch CertificateDecoder.read(raw) {
                case .read(let facts): return facts.summary
                case .unreadable(let reason): return "unreadable certificate (\(reason))"
                }
            default:
                // `{@clientId}` reads from the candidate (one client of a realm), other paths from the object.
                let fromCandidate = placeholder.hasPrefix("@")
                guard let path = try? NodePath(fromCandidate ? String(placeholder.dropFirst()) : placeholder),
                      let node = path.first(from: NodePath.Match(node: fromCandidate ? candidate.node : object.node, key: nil), root: object.node)?.node,
                      node.isScalar else { return nil }
                return Self.isSecretMaterial(object, path: paths.path(to: node) ?? "") ? Redaction.redact(node.text) : Self.clip(node.text)
            }
        }
        return Finding(
            ruleID: rule.id, severity: rule.severity, message: message, location: Self.reportedLocation(of: target), evidence: evidence,
            documentKind: object.kind.rawValue, logicalPath: object.identity + targetPath
        )
    }

    /// A block mapping or sequence starts at its first entry, a line below the key that
    /// names it (`deploy:` above `  id_tokens:`); the key is where a reader looks.
    static func reportedLocation(of target: NodePath.Match) -> SourceLocation {
        guard !target.node.isScalar, let key = target.key else { return target.node.location }
        return key.location
    }

    /// Redacted first, then cut: cutting first could split a URL before its `@` and
    /// leave the start of a password that the redactor no longer recognises.
    static func clip(_ text: String) -> String {
        let scrubbed = Redaction.scrub(text)
        return scrubbed.count > 120 ? String(scrubbed.prefix(117)) + "..." : scrubbed
    }
}
