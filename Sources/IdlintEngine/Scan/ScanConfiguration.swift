import FoundationEssentials
import IdlintSyntax

/// What a scan does, from defaults, the project's `.idlint.yaml` and the command line.
public struct ScanConfiguration: Sendable {
    public var discovery = DiscoveryOptions()
    public var limits = ParseLimits.standard
    /// Files of at least this many bytes are parsed on one thread and judged on another
    /// (unless `jobs` is 1): below it, the second thread costs more than it saves.
    var pipelinedFileBytes = 1 << 20
    /// Findings at or above this severity fail the scan.
    public var failOn: Severity = .low {
        didSet { failOnIsChosen = true }
    }
    /// Whether the configuration or the command line chose `failOn`.
    public private(set) var failOnIsChosen = false
    /// The severity at which a change gate's new finding blocks. Unless chosen, `medium`:
    /// a scan lists every low note, but a change should not be blocked by a new low
    /// note (an automount default on a new CronJob); it is still listed as new.
    public var gateFailOn: Severity { failOnIsChosen ? failOn : .medium }
    public var disabledRules: Set<String> = []
    public var severityOverrides: [String: Severity] = [:]
    /// Extra rule folders, as given (relative to the working folder).
    public var ruleDirectories: [String] = []
    public var agents = AgentRecognition()
    /// Worker threads; 0 means one per core.
    public var jobs = 0

    /// The threads that `jobs` asks for: the scan's workers, and the report's writers.
    public static func threads(forJobs jobs: Int) -> Int {
        jobs > 0 ? jobs : coreCount
    }

    /// Read once: Foundation reads it from the cgroup's files, several system calls each
    /// time, and it was asked for each parallel step and while the rules were read.
    private static let coreCount = ProcessInfo.processInfo.activeProcessorCount
    /// Keep the merged facts in the result (for comparing two scans).
    public var keepsModel = false
    public var suppressions = SuppressionPolicy()
    /// Baseline file named in the configuration; the command line can name another.
    public var baselinePath: String?
    /// How `idlint diff` judges a change that an agent proposed.
    public var agentChanges = AgentChangePolicy()
    /// Values for named rule thresholds (`access-token-lifespan-seconds: 300`).
    public var thresholds: [String: Double] = [:]
    /// The moment dates are judged against (certificate expiry, metadata validUntil);
    /// nil is the clock at the start of the scan. Tests and reproducible audits set it.
    public var now: Date?

    /// Judges dates as of `now`: rule tests and suppression expiry alike.
    public mutating func setClock(_ now: Date) {
        self.now = now
        suppressions.today = SuppressionPolicy.day(now)
    }
    /// Environments named by path, before the layout is read (see `ConfiguredEnvironments`).
    public var environments = ConfiguredEnvironments()
    /// Where SARIF links the built-in rules' pages: a team's own copy of `docs/rules/`
    /// (an internal mirror, a pinned release); nil for idlint's published pages.
    public var ruleDocsURL: String?

    /// The configuration file this came from, for error messages.
    public var sourcePath = ".idlint.yaml"

    public init() {}

    static let keys: Set<String> = ["exclude", "rules", "fail-on", "disable", "severity", "max-file-size", "include-names", "extensions", "agents", "gitignore",
                                    "suppressions", "no-inline-suppression", "baseline", "gate", "thresholds", "max-depth", "max-alias-expansion",
                                    "rule-docs-url", "environments"]

    /// Reads a `.idlint.yaml`. Unknown keys are errors, so a typo cannot switch a check off unnoticed.
    public static func load(text: String, path: String) throws -> ScanConfiguration {
        var configuration = ScanConfiguration()
        configuration.sourcePath = path
        let root = try DataFile.parse(text: text, path: path)
        if root.isNull { return configuration }
        _ = try root.requireMapping("the configuration")
        try root.allowOnly(keys, in: "the configuration")
        if let excludes = try root.stringList("exclude") {
            configuration.discovery.exclude.add(lines: excludes, base: "")
        }
        configuration.ruleDirectories = try root.stringList("rules") ?? []
        if let failOn = try root.optionalString("fail-on") {
            guard let severity = Severity(rawValue: failOn.lowercased()) else { throw DataFileError(root["fail-on"]!, "fail-on must be a severity") }
            configuration.failOn = severity
        }
        configuration.disabledRules = Set(try root.stringList("disable") ?? [])
        for (rule, severity) in try root.stringDictionary("severity") {
            guard let parsed = Severity(rawValue: severity.lowercased()) else {
                throw DataFileError(root["severity"]!, "severity of \(rule) must be one of: \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            configuration.severityOverrides[rule] = parsed
        }
        // Parse bounds: nesting depth (YAML, JSON, XML) and YAML alias expansion. Raising
        // them is allowed within reason; lowering them makes hostile input cheaper still.
        if let depth = root["max-depth"] {
            guard depth.isScalar, let value = Int(depth.text), (8...10_000).contains(value) else {
                throw DataFileError(depth, "max-depth must be a number from 8 to 10000")
            }
            configuration.limits.maxDepth = value
        }
        if let expansion = root["max-alias-expansion"] {
            guard expansion.isScalar, let value = Int64(expansion.text), (1_000...100_000_000).contains(value) else {
                throw DataFileError(expansion, "max-alias-expansion must be a number of nodes from 1000 to 100000000")
            }
            configuration.limits.maxExpandedNodes = value
        }
        if let size = root["max-file-size"] {
            // Node text offsets are 32-bit; 1 GiB leaves room and is far beyond any real policy file.
            guard size.isScalar, let bytes = Int(size.text), bytes > 0, bytes <= 1 << 30 else {
                throw DataFileError(size, "max-file-size must be a number of bytes, at most 1073741824 (1 GiB)")
            }
            configuration.discovery.maxFileBytes = bytes
        }
        configuration.discovery.extraNames.formUnion(try root.stringList("include-names") ?? [])
        configuration.discovery.extensions.formUnion((try root.stringList("extensions") ?? []).map { $0.lowercased().trimmingPrefixDot() })
        if let gitignore = try root.optionalBool("gitignore") { configuration.discovery.honourGitignore = gitignore }
        if let agents = root["agents"] { configuration.agents = try AgentRecognition.parse(agents) }
        if let list = root["suppressions"] { try configuration.suppressions.addEntries(list) }
        configuration.suppressions.inlineForbidden = Set(try root.stringList("no-inline-suppression") ?? [])
        configuration.baselinePath = try root.optionalString("baseline")
        if let environments = root["environments"] { configuration.environments = try ConfiguredEnvironments.parse(environments) }
        if let url = try root.optionalString("rule-docs-url") {
            guard ScanConfiguration.isWebAddress(url) else { throw DataFileError(root["rule-docs-url"]!, "rule-docs-url must be an http or https address") }
            configuration.ruleDocsURL = url
        }
        if let table = root["thresholds"] {
            _ = try table.requireMapping("thresholds")
            for (key, value) in table.entries {
                guard let number = NodeTest.number(value), number >= 0 else {
                    throw DataFileError(value, "threshold \(key.text) must be a non-negative number")
                }
                configuration.thresholds[key.text] = number
            }
        }
        if let gate = root["gate"] {
            _ = try gate.requireMapping("gate")
            try gate.allowOnly(["agent-changes"], in: "gate")
            if let agent = gate["agent-changes"] {
                _ = try agent.requireMapping("agent-changes")
                try agent.allowOnly(["privilege-growth", "surfaces"], in: "agent-changes")
                func verdict(_ key: String) throws -> GateVerdict? {
                    guard let text = try agent.optionalString(key) else { return nil }
                    guard let verdict = GateVerdict(rawValue: text), verdict != .pass else {
                        throw DataFileError(agent[key]!, "\(key) must be review or block")
                    }
                    return verdict
                }
                configuration.agentChanges.privilegeGrowth = try verdict("privilege-growth") ?? .review
                configuration.agentChanges.surfaces = try verdict("surfaces") ?? .review
            }
        }
        return configuration
    }

    /// Every rule id the configuration names must exist, so a typo cannot switch a check
    /// off or leave a suppression that matches nothing for ever.
    public func validateRuleIDs(in library: RuleLibrary) throws {
        let named = disabledRules.union(severityOverrides.keys).union(suppressions.inlineForbidden.subtracting(["all"]))
            .union(suppressions.fileEntries.flatMap(\.rules))
        for id in named.sorted() where !library.knows(id) {
            throw DataFileError(file: sourcePath, at: nil, "unknown rule id \(id) (named in the configuration or a suppression file)")
        }
    }

    /// Reads a suppression file: a `suppressions:` list, as in `.idlint.yaml`.
    public mutating func addSuppressions(text: String, path: String) throws {
        let root = try DataFile.parse(text: text, path: path)
        _ = try root.requireMapping("a suppression file")
        try root.allowOnly(["suppressions"], in: "a suppression file")
        if let list = root["suppressions"] { try suppressions.addEntries(list) }
        suppressions.sources.append(path)
    }

    /// Reads a baseline written by `idlint baseline`.
    public mutating func loadBaseline(text: String, path: String) throws {
        let root = try DataFile.parse(text: text, path: path, syntax: .json)
        guard root["schema"]?.text == "idlint-baseline/1", let list = root["findings"], list.isSequence else {
            throw DataFileError(file: path, at: nil, "not an idlint baseline (schema idlint-baseline/1)")
        }
        suppressions.baseline = Set(list.elements.compactMap { $0.string("fingerprint") })
        suppressions.baselineSource = path
    }

    /// Applies rule-related settings to a library: extra folders, disabled rules,
    /// severity overrides and agent recognition. Unknown rule ids are errors.
    public func apply(to library: inout RuleLibrary) throws {
        for directory in ruleDirectories { try library.loadDirectory(directory) }
        try library.validateUnlessValidated()
        try validateRuleIDs(in: library)
        library.disable(disabledRules)
        library.overrideSeverity(severityOverrides)
        try library.overrideThresholds(thresholds, source: sourcePath)
        try library.resolveReferences()
        library.agentRecognition.extend(with: agents)
    }
}

extension String {
    fileprivate func trimmingPrefixDot() -> String {
        hasPrefix(".") ? String(dropFirst()) : self
    }
}

extension ScanConfiguration {
    /// An absolute http(s) address: what SARIF's helpUri must be for a viewer to open it.
    public static func isWebAddress(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host?.isEmpty == false else { return false }
        return scheme == "https" || scheme == "http"
    }
}
