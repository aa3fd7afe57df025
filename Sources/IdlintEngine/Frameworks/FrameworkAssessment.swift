/// A scan judged against framework catalogs, control by control, for audit
/// preparation: which controls fail (findings map to them), which pass (their rules ran
/// over input they apply to and found nothing), which were not assessed (no rule, or no
/// applicable input), and which are out of scope (with the catalog's reason).
public struct FrameworkAssessment: Sendable {
    public struct ControlResult: Sendable {
        public enum Status: String, Sendable, CaseIterable {
            case failing
            case passing
            case notAssessed = "not assessed"
            case outOfScope = "out of scope"
        }

        public var catalogID: String
        public var control: Catalog.Control
        public var status: Status
        /// Rules that name this control.
        public var rules: [String]
        /// Of those, the rules that met input they apply to.
        public var rulesApplied: [String]
        /// Active (unsuppressed) findings of those rules.
        public var findings: [Finding]
        /// Why the status: the out-of-scope reason, or what was missing.
        public var reason: String
        /// Why each mapped rule evidences this control, as its rule says.
        public var rationales: [(rule: String, why: String)] = []
        /// Controls of other catalogs that a published cross-map links to this one.
        public var related: [String] = []

        public var qualifiedID: String { "\(catalogID):\(control.id)" }

        public func count(of severity: Severity) -> Int {
            findings.count { $0.severity == severity }
        }
    }

    public struct CatalogResult: Sendable {
        public var catalog: Catalog
        public var controls: [ControlResult]

        public func count(_ status: ControlResult.Status) -> Int {
            controls.count { $0.status == status }
        }
    }

    public var catalogs: [CatalogResult]
    /// Rules that met applicable input in this scan.
    public var rulesRun: Int
    public var filesScanned: Int
    /// Of those, how many held identity configuration idlint reads, and the names of the
    /// rest: a passing control means as much as what was read, so the reports say it.
    public var filesRecognised = 0
    public var filesNotRecognised: [String] = []
    /// Inputs that should have been read and were not. While any exist, no control is
    /// called passing: what went unread may hold exactly the finding that would fail it.
    public var unreadInputs: [Diagnostic] = []

    /// Judges `result` against `catalogs` (all of the library's when empty).
    public static func assess(_ result: ScanResult, library: RuleLibrary, catalogs wanted: [Catalog] = []) -> FrameworkAssessment {
        let kinds = Set(result.statistics.objectsByKind.keys)
        let applied = Set(library.rules.filter { RuleApplicability.applies($0, toKinds: kinds, grantPlatforms: result.statistics.grantPlatforms) }.map(\.id))
        var rulesByControl: [String: [Rule]] = [:]
        for rule in library.rules.sorted(by: { $0.id < $1.id }) {
            for control in rule.controls { rulesByControl[control, default: []].append(rule) }
        }
        let unread = result.diagnostics.filter { $0.level == .error }
        var findingsByRule: [String: [Finding]] = [:]
        for finding in result.activeFindings { findingsByRule[finding.ruleID, default: []].append(finding) }

        let catalogs = (wanted.isEmpty ? library.catalogs : wanted).map { catalog in
            CatalogResult(catalog: catalog, controls: catalog.controls.map { control in
                let qualified = "\(catalog.id):\(control.id)"
                let mapped = rulesByControl[qualified] ?? []
                let rules = mapped.map(\.id)
                let ran = rules.filter { applied.contains($0) }
                let findings = rules.flatMap { findingsByRule[$0] ?? [] }
                let (status, reason): (ControlResult.Status, String)
                if let outOfScope = control.outOfScope, rules.isEmpty {
                    (status, reason) = (.outOfScope, outOfScope)
                } else if !findings.isEmpty {
                    (status, reason) = (.failing, "\(findings.count) finding(s) of \(Set(findings.map(\.ruleID)).count) rule(s)")
                } else if !ran.isEmpty && !unread.isEmpty {
                    (status, reason) = (.notAssessed, "\(ran.count) rule(s) found nothing in what was read, but \(unread.count) input(s) could not be read")
                } else if !ran.isEmpty {
                    let coverage = mapped.filter { applied.contains($0.id) }.map { rule in
                        "\(rule.id) (\(RuleApplicability.input(of: rule, objectsByKind: result.statistics.objectsByKind, grantPlatforms: result.statistics.grantPlatforms)))"
                    }
                    (status, reason) = (.passing, "found nothing: " + coverage.joined(separator: "; "))
                } else if rules.isEmpty {
                    (status, reason) = (.notAssessed, "no rule maps to this control")
                } else {
                    (status, reason) = (.notAssessed, "none of its \(rules.count) rule(s) met input they apply to")
                }
                return ControlResult(catalogID: catalog.id, control: control, status: status, rules: rules, rulesApplied: ran, findings: findings, reason: reason,
                                     rationales: mapped.compactMap { rule in rule.controlRationale[qualified].map { (rule.id, $0) } },
                                     related: library.relatedControls(qualified))
            })
        }
        return FrameworkAssessment(catalogs: catalogs, rulesRun: applied.count, filesScanned: result.statistics.filesScanned,
                                   filesRecognised: result.statistics.filesRecognised, filesNotRecognised: result.statistics.filesNotRecognised,
                                   unreadInputs: unread)
    }
}

/// Whether a rule met input it applies to, from what a scan read: a document rule needs
/// one of its kinds, a grant rule grants of its platforms (an access key alone holds
/// none), an analysis objects of its family.
enum RuleApplicability {
    static func applies(_ rule: Rule, toKinds kinds: Set<String>, grantPlatforms: Set<Platform>) -> Bool {
        switch rule.matcher {
        case .document(let matcher):
            return matcher.kinds.contains { kinds.contains($0.rawValue) }
        case .grants(let matcher):
            return matcher.platforms.isEmpty ? !grantPlatforms.isEmpty : !matcher.platforms.isDisjoint(with: grantPlatforms)
        case .analysis(let name):
            let family = name.split(separator: ".").first.map(String.init) ?? name
            return kinds.contains { $0.hasPrefix(family + ".") }
        }
    }

    /// What a rule ran over, in words: the objects of its kinds that were read
    /// (`12 k8s.Role, 3 k8s.ClusterRole`), the grants of its platforms, or its family's objects.
    static func input(of rule: Rule, objectsByKind: [String: Int], grantPlatforms: Set<Platform>) -> String {
        switch rule.matcher {
        case .document(let matcher):
            return matcher.kinds.sorted().compactMap { kind in objectsByKind[kind.rawValue].map { "\($0) \(kind.rawValue)" } }.joined(separator: ", ")
        case .grants(let matcher):
            let platforms = (matcher.platforms.isEmpty ? grantPlatforms : matcher.platforms.intersection(grantPlatforms)).map(\.rawValue).sorted()
            return "grants on " + platforms.joined(separator: ", ")
        case .analysis(let name):
            let family = name.split(separator: ".").first.map(String.init) ?? name
            let count = objectsByKind.filter { $0.key.hasPrefix(family + ".") }.values.reduce(0, +)
            return "\(count) \(family) object(s)"
        }
    }
}
