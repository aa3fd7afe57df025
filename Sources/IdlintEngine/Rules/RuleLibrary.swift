import Dispatch
import FoundationEssentials
import IdlintSyntax

/// Everything idlint knows before it reads an input: rules, framework catalogs,
/// built-in Kubernetes roles and how agents are recognised. Built from the embedded
/// `rulesets/` and any `--rules` folders.
public struct RuleLibrary: Sendable {
    public private(set) var rules: [Rule] = []
    public private(set) var catalogs: [Catalog] = []
    public private(set) var builtInRoles: [KubernetesRole] = []
    public private(set) var surfaces: [SurfaceRule] = []
    /// What changes do not mean, for the change gate (cosmetic elements, platform defaults).
    public private(set) var changeMeaning = ChangeMeaning()
    public var agentRecognition = AgentRecognition()
    /// Named numeric bounds that rules compare with (token lifespans, key sizes).
    public private(set) var thresholds: [String: ThresholdDefinition] = [:]
    /// Published links between catalogs (OWASP's NHI-to-ASI table).
    public private(set) var crossMaps: [CrossMap] = []
    /// Named lists of cloud actions that grant rules look for.
    public private(set) var actionSets: [String: ActionSet] = [:]
    /// Whether every rule holds the current values of the thresholds and action sets it
    /// names (`resolveReferences`); whatever adds rules or changes a threshold clears it.
    private var referencesResolved = false
    /// Whether `validateUnlessValidated` has checked every rule's controls since rules or
    /// catalogs were last added: a scan's configuration validates the library again only
    /// when it loaded some.
    private var controlsValidated = false

    public init() {}

    /// The rules and data that ship inside the binary, read once per process.
    public static func builtIn() throws -> RuleLibrary {
        // Wait on the group, which sleeps: waiting on the lazy global's own lock spins
        // (a priority-inheriting futex), and took a core from the threads reading the rules.
        builtInReading.wait()
        return try builtInOnce.get()
    }

    /// Starts reading the built-in rules on another thread, so that they are being read
    /// while the command line is parsed (reflection over every option, about as long);
    /// `builtIn()` then waits for them if they are not ready yet.
    public static func prepareBuiltIn() {
        DispatchQueue.global(qos: .userInitiated).async(group: builtInReading) { _ = builtInOnce }
    }

    private static let builtInReading = DispatchGroup()

    private static let builtInOnce = Result { try readBuiltIn() }

    private static func readBuiltIn() throws -> RuleLibrary {
        // Reading the rule files is most of idlint's start-up: each is read into a
        // library of its own on whichever core is free, then joined in file order. Their
        // trees were parsed when idlint was built; only the rules are read from them here.
        let files = EmbeddedRulesets.files
        // Largest first, so that the cores finish together: in path order the three
        // largest files came last, and one core read the last of them alone.
        let bySize = files.indices.sorted { files[$0].pool.utf8.count > files[$1].pool.utf8.count }
        let read = parallelMap(files.count, workers: ScanConfiguration.threads(forJobs: 0)) { position in
            Result {
                var fragment = RuleLibrary()
                let index = bySize[position]
                let path = "rulesets/" + files[index].path
                let document = DocumentArchive.decode(numbers: files[index].numbers, pool: files[index].pool, file: path)
                try fragment.load(root: document.root, path: path, isBuiltIn: true)
                return fragment
            }
        }
        var fragments = [Result<RuleLibrary, any Error>?](repeating: nil, count: files.count)
        for (position, index) in bySize.enumerated() { fragments[index] = read[position] }
        var library = RuleLibrary()
        // Sized once: a rule is large, and growing the list moved every rule read so far.
        library.rules.reserveCapacity(fragments.reduce(0) { $0 + ((try? $1?.get())?.rules.count ?? 0) })
        for fragment in fragments { try library.absorb(fragment!.get()) }
        try library.resolveReferences()
        try library.validateUnlessValidated()
        return library
    }

    public func rule(id: String) -> Rule? {
        rules.first { $0.id == id }
    }

    /// A rule by id as people type it: exactly, or ignoring case.
    public func rule(matching id: String) -> Rule? {
        if let exact = rule(id: id) { return exact }
        let wanted = id.lowercased()
        return rules.first { $0.id.lowercased() == wanted }
    }

    /// Adds what `other` holds, as if its files had been loaded after this one's.
    mutating func absorb(_ other: RuleLibrary) throws {
        referencesResolved = false
        controlsValidated = false
        for rule in other.rules {
            if let existing = self.rule(id: rule.id) {
                throw DataFileError(file: rule.definedAt?.file ?? "?", at: rule.definedAt?.span.start,
                                    "rule id \(rule.id) is already defined at \(existing.definedAt?.description ?? "?")")
            }
            rules.append(rule)
        }
        catalogs += other.catalogs
        builtInRoles += other.builtInRoles
        for surface in other.surfaces { add(surface) }
        changeMeaning.cosmetic += other.changeMeaning.cosmetic
        changeMeaning.defaults += other.changeMeaning.defaults
        changeMeaning.narrowing += other.changeMeaning.narrowing
        agentRecognition.extend(with: other.agentRecognition)
        for (name, definition) in other.thresholds {
            guard thresholds[name] == nil else { throw DataFileError(file: "rulesets", at: nil, "threshold \(name) is defined twice") }
            thresholds[name] = definition
        }
        crossMaps += other.crossMaps
        for (name, set) in other.actionSets {
            guard actionSets[name] == nil else { throw DataFileError(file: "rulesets", at: nil, "action set \(name) is defined twice") }
            actionSets[name] = set
        }
    }

    /// A surface joins the one of the same id, if there is one.
    private mutating func add(_ surface: SurfaceRule) {
        if let index = surfaces.firstIndex(where: { $0.id == surface.id }) {
            surfaces[index].matchers += surface.matchers
        } else {
            surfaces.append(surface)
        }
    }

    /// Loads one YAML data file. Its top-level key says what it holds.
    public mutating func load(text: String, path: String, isBuiltIn: Bool) throws {
        try load(root: try DataFile.parse(text: text, path: path), path: path, isBuiltIn: isBuiltIn)
    }

    /// Loads one data file's parsed document.
    mutating func load(root: Node, path: String, isBuiltIn: Bool) throws {
        referencesResolved = false
        controlsValidated = false
        _ = try root.requireMapping("a ruleset file")
        if root["catalog"] != nil {
            catalogs.append(try Catalog.parse(root))
        } else if let list = root["rules"] {
            try root.allowOnly(["family", "paths", "rules"], in: "a ruleset file")
            let family = try root.optionalString("family") ?? Self.stem(of: path)
            let paths = try root["paths"].map(NodePath.sets(in:)) ?? [:]
            guard list.isSequence else { throw DataFileError(list, "'rules' must be a list") }
            for node in list.elements {
                let rule = try RuleParser.parseRule(node, family: family, isBuiltIn: isBuiltIn, paths: paths)
                if let existing = self.rule(id: rule.id) {
                    throw DataFileError(node["id"]!, "rule id \(rule.id) is already defined at \(existing.definedAt?.description ?? "?")")
                }
                rules.append(rule)
            }
        } else if let roles = root["builtin-roles"] {
            guard roles.isSequence else { throw DataFileError(roles, "'builtin-roles' must be a list of ClusterRole objects") }
            var facts = KubernetesFacts()
            for element in roles.elements {
                KubernetesAdapter.facts(from: RecognizedObject(kind: .kubernetes(element.string("kind") ?? "ClusterRole"), node: element, platform: .kubernetes), into: &facts, builtIn: true)
            }
            builtInRoles += facts.roles
        } else if let recognition = root["agent-recognition"] {
            agentRecognition.extend(with: try AgentRecognition.parse(recognition))
        } else if root["surfaces"] != nil || root["cosmetic"] != nil || root["defaults"] != nil || root["narrowing"] != nil {
            try root.allowOnly(["surfaces", "cosmetic", "defaults", "narrowing"], in: "a surfaces file")
            if let list = root["narrowing"] { try changeMeaning.parse(narrowing: list) }
            if let list = root["cosmetic"] { try changeMeaning.parse(cosmetic: list) }
            if let list = root["defaults"] { try changeMeaning.parse(defaults: list) }
            let list = root["surfaces"]
            if let list, !list.isSequence { throw DataFileError(list, "'surfaces' must be a list") }
            for node in list?.elements ?? [] { add(try SurfaceRule.parse(node)) }
        } else if let table = root["thresholds"] {
            try root.allowOnly(["thresholds"], in: "a thresholds file")
            for definition in try ThresholdDefinition.parse(table) {
                if thresholds[definition.name] != nil { throw DataFileError(table, "threshold \(definition.name) is defined twice") }
                thresholds[definition.name] = definition
            }
        } else if let table = root["action-sets"] {
            try root.allowOnly(["action-sets"], in: "an action-sets file")
            for set in try ActionSet.parse(table) {
                if actionSets[set.name] != nil { throw DataFileError(table, "action set \(set.name) is defined twice") }
                actionSets[set.name] = set
            }
        } else if root["crossmap"] != nil {
            crossMaps.append(try CrossMap.parse(root))
        } else {
            throw DataFileError(root, "unrecognised data file: expected a top-level 'rules', 'catalog', 'builtin-roles', 'agent-recognition', 'surfaces', 'thresholds', 'action-sets' or 'crossmap'")
        }
    }

    /// Loads every `.yaml` / `.yml` file in a folder and its subfolders, in sorted order,
    /// but those under its `fixtures/` folder: a rule folder's tests (`idlint rules test`).
    public mutating func loadDirectory(_ path: String) throws {
        let discovery = FileDiscovery(options: {
            var options = DiscoveryOptions()
            options.extensions = ["yaml", "yml"]
            options.honourGitignore = false
            options.exclude = IgnoreRules(patterns: ["/\(Self.fixturesFolder)/"])
            options.maxFileBytes = 8 << 20
            return options
        }())
        let found = discovery.discover([path])
        if let problem = found.diagnostics.first(where: { $0.level == .error }) {
            throw DataFileError(file: problem.file, at: nil, problem.message)
        }
        for file in found.files {
            guard case .path(let filePath) = file.source else { continue }
            let bytes: [UInt8]
            do {
                bytes = try FileReader.read(path: filePath, maxBytes: 8 << 20)
            } catch let error as FileReader.ReadError {
                throw DataFileError(file: file.displayPath, at: nil, error.message)
            }
            try load(text: String(decoding: bytes, as: UTF8.self), path: file.displayPath, isBuiltIn: false)
        }
    }

    /// The folder of a rule folder that holds its rules' fixtures, not rules.
    public static let fixturesFolder = "fixtures"

    /// The ids of the rules defined in files under `folder` (as `loadDirectory` named them).
    public func ruleIDs(definedUnder folder: String) -> [String] {
        var trimmed = folder
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        let shown = FileDiscovery.display(trimmed)
        let prefix = shown == "." ? "" : shown + "/"
        return rules.filter { !$0.isBuiltIn && ($0.definedAt?.file.hasPrefix(prefix) ?? false) }.map(\.id).sorted()
    }

    /// Every control a rule names must exist in a catalog, and every rule must map to
    /// at least one OWASP NHI or ASI control.
    public func validate() throws {
        let known = Set(catalogs.flatMap(\.qualifiedControlIDs))
        // By index: iterating the rules copied each one, a retain per field.
        for index in rules.indices {
            let controls = rules[index].controls
            if let control = controls.first(where: { !known.contains($0) }) {
                let rule = rules[index]
                throw DataFileError(file: rule.definedAt?.file ?? "?", at: rule.definedAt?.span.start,
                                    "rule \(rule.id) names control \(control), which no catalog defines")
            }
            guard controls.contains(where: { $0.hasPrefix("OWASP-NHI-") || $0.hasPrefix("OWASP-ASI-") }) else {
                let rule = rules[index]
                throw DataFileError(file: rule.definedAt?.file ?? "?", at: rule.definedAt?.span.start,
                                    "rule \(rule.id) must map to at least one OWASP NHI or ASI control")
            }
        }
    }

    /// `validate()`, unless it passed since rules or catalogs were last added.
    mutating func validateUnlessValidated() throws {
        guard !controlsValidated else { return }
        try validate()
        controlsValidated = true
    }

    public mutating func disable(_ ids: Set<String>) {
        disabledIDs.formUnion(ids.filter { rule(id: $0) != nil })
        rules.removeAll { ids.contains($0.id) }
    }

    /// Controls that a published cross-map links to `control` (a qualified id).
    public func relatedControls(_ control: String) -> [String] {
        var seen = Set<String>()
        return crossMaps.flatMap { $0.related(to: control) }.filter { seen.insert($0).inserted }
    }

    /// The title of a catalog-qualified control id (`OWASP-NHI-2025:NHI5`), if a catalog has it.
    public func controlTitle(_ qualifiedID: String) -> String? {
        guard let (catalog, control) = Catalog.split(qualifiedID) else { return nil }
        return catalogs.first { $0.id == catalog }?.controls.first { $0.id == control }?.title
    }

    /// The catalogs a user names: one by id, those whose id starts with a prefix
    /// (`OWASP-NHI`), or every one for `all`; empty when none matches.
    public func catalogs(matching framework: String) -> [Catalog] {
        if framework.lowercased() == "all" { return catalogs }
        let wanted = framework.uppercased()
        return catalogs.filter { $0.id.uppercased() == wanted || $0.id.uppercased().hasPrefix(wanted + "-") }
    }

    /// Ids of rules switched off by the configuration.
    public private(set) var disabledIDs: Set<String> = []

    /// Whether `id` names a rule, running or switched off.
    public func knows(_ id: String) -> Bool {
        rule(id: id) != nil || disabledIDs.contains(id)
    }

    /// Sets thresholds from the configuration; a name no rule file defines is an error.
    public mutating func overrideThresholds(_ values: [String: Double], source: String) throws {
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            guard thresholds[name] != nil else {
                throw DataFileError(file: source, at: nil, "unknown threshold \(name); known: \(thresholds.keys.sorted().joined(separator: ", "))")
            }
            thresholds[name]!.value = value
            referencesResolved = false
        }
    }

    /// Puts what rules name into them: the current value of every named threshold, and
    /// the actions of every named action set.
    public mutating func resolveReferences() throws {
        // Start-up resolves the built-in rules once; the configuration's pass resolves
        // again only when it loaded rules or changed thresholds since.
        guard !referencesResolved else { return }
        for index in rules.indices {
            // Only matchers that name a threshold or an action set are rebuilt: rebuilding
            // every condition tree was a tenth of start-up.
            guard rules[index].matcher.namesReference else { continue }
            let rule = rules[index]
            let place = (file: rule.definedAt?.file ?? "?", position: rule.definedAt?.span.start)
            switch rule.matcher {
            case .document(var matcher):
                let resolve = { (bound: Threshold) throws -> Threshold in
                    guard let name = bound.name else { return bound }
                    guard let definition = self.thresholds[name] else {
                        throw DataFileError(file: place.file, at: place.position, "rule \(rule.id) uses threshold \(name), which no thresholds file defines")
                    }
                    return Threshold(name: name, value: definition.value)
                }
                matcher.condition = try matcher.condition?.resolvingThresholds(resolve)
                matcher.atTest = try matcher.atTest?.resolvingThresholds(resolve)
                rules[index].matcher = .document(matcher)
            case .grants(var matcher):
                let resolve = { (pattern: GrantPattern) throws -> GrantPattern in
                    guard let resolved = pattern.resolving(self.actionSets) else {
                        throw DataFileError(file: place.file, at: place.position,
                                            "rule \(rule.id) uses action set \(pattern.actionSet ?? "?"), which no action-sets file defines")
                    }
                    return resolved
                }
                matcher.allows = try matcher.allows.map(resolve)
                matcher.allowsAll = try matcher.allowsAll.map(resolve)
                rules[index].matcher = .grants(matcher)
            case .analysis:
                continue
            }
        }
        // Only once every rule is resolved: a pass that failed part way is not done.
        referencesResolved = true
    }

    public mutating func overrideSeverity(_ overrides: [String: Severity]) {
        for index in rules.indices {
            if let severity = overrides[rules[index].id] { rules[index].severity = severity }
        }
    }

    private static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.split(separator: ".").first.map(String.init) ?? name
    }
}

private extension RuleMatcher {
    /// Whether the matcher names a threshold or an action set, which `resolveReferences` fills in.
    var namesReference: Bool {
        switch self {
        case .document(let matcher): matcher.condition?.namesThreshold == true || matcher.atTest?.namesThreshold == true
        case .grants(let matcher): matcher.allows.contains { $0.actionSet != nil } || matcher.allowsAll.contains { $0.actionSet != nil }
        case .analysis: false
        }
    }
}
