import FoundationEssentials
import IdlintSyntax

/// Who proposed a change. An agent's change is held to a stricter policy.
public enum ChangeActor: String, Sendable, CaseIterable {
    case human
    case agent
}

public enum GateVerdict: String, Sendable {
    /// No new finding at or above the threshold, no sensitive surface touched.
    case pass
    /// A sensitive surface changed or privileges grew: a human must look.
    case review
    /// A new finding at or above the threshold, unreadable input, or (for an agent's
    /// change) an agent's own privileges grew.
    case block
}

/// What a change does to identity configuration, and whether it may merge.
public struct ChangeComparison: Sendable {
    public var verdict: GateVerdict
    public var reasons: [String]
    /// Head findings with their baseline state, then base findings the change fixes (`absent`).
    public var findings: [Finding]
    public var privilegeDelta: [PrincipalDelta]
    /// Credentials added, removed, extended, or a federated one replaced by a static one.
    public var credentialDelta: [CredentialChange]
    public var changes: [ChangedElement]
    public var base: ScanResult
    public var head: ScanResult
    public var actor: ChangeActor

    /// Surfaces touched, in the order of the surface rules, with their changes.
    public func surfacesTouched(_ library: RuleLibrary) -> [(surface: SurfaceRule, changes: [ChangedElement])] {
        Self.surfaces(of: changes, library)
    }

    static func surfaces(of changes: [ChangedElement], _ library: RuleLibrary) -> [(surface: SurfaceRule, changes: [ChangedElement])] {
        library.surfaces.compactMap { surface in
            let touching = changes.filter { $0.surfaces.contains(surface.id) }
            return touching.isEmpty ? nil : (surface, touching)
        }
    }
}

/// How strictly an agent's change is judged, beyond the rule that an agent's change may
/// never widen an agent identity's own access (always `block`).
public struct AgentChangePolicy: Sendable {
    /// Verdict when any principal's privileges grow.
    public var privilegeGrowth: GateVerdict = .review
    /// Verdict when a sensitive surface changes.
    public var surfaces: GateVerdict = .review

    public init() {}
}

/// Compares the scans of a base and a head: findings by fingerprint, privileges by
/// principal, changed elements by surface, and a verdict with its reasons.
public struct ChangeGate: Sendable {
    public let library: RuleLibrary
    public let configuration: ScanConfiguration
    public let actor: ChangeActor
    /// Why the change counts as an agent's, when that was detected rather than declared.
    public let actorEvidence: String?

    public init(library: RuleLibrary, configuration: ScanConfiguration, actor: ChangeActor, actorEvidence: String? = nil) {
        self.library = library
        self.actorEvidence = actorEvidence
        var configuration = configuration
        configuration.keepsModel = true
        self.configuration = configuration
        self.actor = actor
    }

    /// `ownFilesChanged` names idlint's own files that the caller read outside the two
    /// sides (configuration and baseline at each revision) and found changed.
    public func compare(base baseFiles: [InputFile], head headFiles: [InputFile], baseNotes: [Diagnostic] = [], headNotes: [Diagnostic] = [],
                        ownFilesChanged: [String] = []) -> ChangeComparison {
        let scanner = IdentityScanner(library: library, configuration: configuration)
        var base = scanner.scan(files: baseFiles)
        var head = scanner.scan(files: headFiles)
        base.diagnostics = (baseNotes + base.diagnostics).sorted()
        let notRead = Set(base.statistics.filesNotRecognised).union(base.diagnostics.filter(UnreadInput.saysUnread).map(\.file))
        let readInBase = Set(baseFiles.map(\.displayPath)).subtracting(notRead)
        head.diagnostics = UnreadInput.failingFilesReadBefore((headNotes + head.diagnostics).sorted(), readBefore: readInBase)
        // A chart template the change adds or edits and that cannot be read is not judged.
        let baseByPath = Dictionary(baseFiles.map { ($0.displayPath, $0) }, uniquingKeysWith: { first, _ in first })
        let headByPath = Dictionary(headFiles.map { ($0.displayPath, $0) }, uniquingKeysWith: { first, _ in first })
        let limit = configuration.discovery.maxFileBytes
        head.diagnostics = UnreadInput.failingChangedTemplates(head.diagnostics) { file in
            guard let before = baseByPath[file] else { return true }
            return (try? before.read(maxBytes: limit)) != (try? headByPath[file]?.read(maxBytes: limit))
        }

        let unreadable = head.diagnostics.filter { $0.level == .error }
        let findings = Self.states(base: base.findings, head: head.findings, unreadInHead: unreadable.map(\.file))
        let headModel = head.model ?? IdentityModel()
        let agents = AgentPrincipals(headModel.kubernetes, library.agentRecognition)
        let delta = PrivilegeTable.delta(base: base.model ?? IdentityModel(), head: headModel, library: library, isAgent: agents.contains)
        let credentialDelta = CredentialDelta.changes(base: base.model?.credentials ?? [], head: headModel.credentials)
        let changes = changedElements(base: baseFiles, head: headFiles)

        var reasons: [String] = actorEvidence.map { ["treated as an agent's change: \($0)"] } ?? []
        var verdict = GateVerdict.pass
        func raise(_ level: GateVerdict, _ reason: String) {
            reasons.append(reason)
            if level == .block || verdict == .pass { verdict = level }
        }
        let policy = actor == .agent ? configuration.agentChanges : AgentChangePolicy()
        if !unreadable.isEmpty {
            raise(.block, "\(unreadable.count) input\(unreadable.count == 1 ? "" : "s") of the head could not be read or parsed (\(unreadable.prefix(3).map(\.file).joined(separator: ", "))\(unreadable.count > 3 ? ", …" : ""))")
        }
        // A finding whose evidence changed (`updated`) is the same risk, narrower or wider:
        // it blocks only when the change also grants something, so a narrowing passes.
        let anyGain = delta.contains { !$0.gained.isEmpty }
        for finding in findings where (finding.baselineState == .new || (finding.baselineState == .updated && anyGain))
            && finding.suppression == nil && finding.severity >= configuration.gateFailOn {
            raise(.block, "\(finding.baselineState == .new ? "new" : "updated") \(finding.severity.rawValue) finding \(finding.ruleID) at \(finding.location): \(finding.message)")
        }
        // A finding the base accepted but the head does not (its suppression removed or
        // expired) is judged like a new one.
        let acceptedInBase = Set(base.findings.filter { $0.suppression != nil }.map(\.identity))
        for finding in findings where finding.baselineState == .unchanged || finding.baselineState == .updated {
            guard finding.suppression == nil, acceptedInBase.contains(finding.identity), finding.severity >= configuration.gateFailOn else { continue }
            raise(.block, "\(finding.severity.rawValue) finding \(finding.ruleID) at \(finding.location) is no longer suppressed: \(finding.message)")
        }
        for change in delta where !change.gained.isEmpty {
            var summary = "\(change.principal)\(change.isNew ? " (new)" : "") gains \(change.gained.count) privilege\(change.gained.count == 1 ? "" : "s")"
            if let standing = change.becameStanding.first {
                summary += "; \(standing.action) \(standing.resource) was time-bound and becomes standing"
            }
            if actor == .agent && change.isAgent {
                raise(.block, "\(summary), and it is an agent identity: an agent's change may not widen an agent's access")
            } else {
                raise(policy.privilegeGrowth, summary)
            }
        }
        // A credential that appears, lives longer, or takes a federated one's place needs a
        // human whatever the rules say (a rotated secret is removed plus added: review).
        for change in credentialDelta where change.change != .removed && (change.credential.kind.isStatic || change.change != .added) {
            raise(policy.surfaces, change.description)
        }
        // The gate guards itself: a change to what the gate checks (configuration,
        // suppressions, baselines, rules) could turn its own block into a pass.
        let ownChanges = Set(ownFilesChanged + GateOwnFiles(configuration: configuration).changed(base: baseFiles, head: headFiles, bytes: bytes)).sorted()
        if !ownChanges.isEmpty {
            raise(actor == .agent ? .block : .review,
                  "idlint's own configuration changed (\(ownChanges.joined(separator: ", "))): the gate judged with the base's; "
                  + (actor == .agent ? "an agent may not change what the gate checks" : "a human must approve changes to what the gate checks"))
        }
        for (surface, touching) in ChangeComparison.surfaces(of: changes, library) {
            raise(policy.surfaces, "\(surface.title.lowercased()) changed: \(touching.count) element\(touching.count == 1 ? "" : "s") (\(Self.summary(touching)))")
        }
        return ChangeComparison(verdict: verdict, reasons: reasons, findings: findings, privilegeDelta: delta, credentialDelta: credentialDelta, changes: changes,
                                base: base, head: head, actor: actor)
    }

    /// Head findings marked new, unchanged or updated, then the base findings that are gone.
    /// A base finding in a file or folder the head could not read is not gone, only unseen:
    /// it stays `unchanged` rather than being reported as fixed by the change.
    static func states(base: [Finding], head: [Finding], unreadInHead: [String] = []) -> [Finding] {
        let baseFingerprints = Set(base.map(\.fingerprint))
        let baseIdentities = Set(base.map(\.identity))
        var result = head.map { finding -> Finding in
            var marked = finding
            marked.baselineState = baseFingerprints.contains(finding.fingerprint) ? .unchanged
                : baseIdentities.contains(finding.identity) ? .updated : .new
            return marked
        }
        let headFingerprints = Set(head.map(\.fingerprint))
        let headIdentities = Set(head.map(\.identity))
        func unread(_ file: String) -> Bool {
            unreadInHead.contains { file == $0 || file.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        for finding in base where !headFingerprints.contains(finding.fingerprint) && !headIdentities.contains(finding.identity) {
            var gone = finding
            gone.baselineState = unread(finding.location.file) ? .unchanged : .absent
            result.append(gone)
        }
        return result
    }

    private static func summary(_ changes: [ChangedElement]) -> String {
        let listed = changes.prefix(3).map { "\($0.object)\($0.path)" }
        return listed.joined(separator: ", ") + (changes.count > 3 ? ", …" : "")
    }

    // MARK: - Changed elements

    /// Values that differ between the two sides, found only in files whose bytes differ,
    /// and compared object by object (by kind, namespace and name), so that moving an
    /// object within or between files changes nothing.
    func changedElements(base: [InputFile], head: [InputFile]) -> [ChangedElement] {
        let baseBytes = Dictionary(base.map { ($0.displayPath, bytes(of: $0)) }, uniquingKeysWith: { first, _ in first })
        let headBytes = Dictionary(head.map { ($0.displayPath, bytes(of: $0)) }, uniquingKeysWith: { first, _ in first })
        let allPaths = Set(baseBytes.keys).union(headBytes.keys)
        var changed = allPaths.filter { baseBytes[$0] != headBytes[$0] }
        // A variable or local changed in one .tf file changes what the module's other
        // files evaluate to: the whole module is compared.
        let changedModules = Set(changed.filter { Syntax(fileName: $0) == .hcl }.map(TerraformModule.directory))
        changed.formUnion(allPaths.filter { Syntax(fileName: $0) == .hcl && changedModules.contains(TerraformModule.directory(of: $0)) })
        let changedPaths = changed.sorted()
        guard !changedPaths.isEmpty else { return [] }
        var baseObjects = objects(in: changedPaths, baseBytes)
        var headObjects = objects(in: changedPaths, headBytes)
        // An object that seems added or removed may live on, unchanged, in a file the change
        // did not touch (an install bundle copied, a role moved into an existing file): it is
        // compared with that copy, so a copy is no change and a move is only what it changes.
        if Set(baseObjects.keys) != Set(headObjects.keys) {
            let unchanged = allPaths.subtracting(changed).filter { baseBytes[$0] != nil }.sorted()
            for (identity, object) in objects(in: unchanged, baseBytes) {
                if baseObjects[identity] == nil, headObjects[identity] != nil { baseObjects[identity] = object }
                if headObjects[identity] == nil, baseObjects[identity] != nil { headObjects[identity] = object }
            }
        }
        var changes: [ChangedElement] = []
        for identity in Set(baseObjects.keys).union(headObjects.keys).sorted() {
            let old = baseObjects[identity]
            let new = headObjects[identity]
            guard let kind = (new ?? old)?.kind.rawValue else { continue }
            let meaning = library.changeMeaning
            StructuralDiff(kind: kind, meaning: meaning).compare(base: old?.node, head: new?.node, path: "") { change, path, node, before in
                let location = change == .removed ? (new?.node.location ?? node.location) : node.location
                let narrows = meaning.narrows(kind: kind, path: path, change: change, before: before, after: node)
                let surfaces = narrows ? [] : library.surfaces.filter { $0.touches(kind: kind, path: path) }.map(\.id)
                changes.append(ChangedElement(change: change, object: identity, kind: kind, path: path, location: location, surfaces: surfaces))
            }
        }
        return changes
    }

    private func bytes(of file: InputFile) -> [UInt8] {
        (try? file.read(maxBytes: configuration.discovery.maxFileBytes)) ?? []
    }

    private func objects(in paths: [String], _ files: [String: [UInt8]]) -> [String: RecognizedObject] {
        var objects: [String: RecognizedObject] = [:]
        var modules: [String: (module: TerraformModule, documents: [String: Document])] = [:]
        let recognition = Recognition()
        for path in paths {
            guard let raw = files[path] else { continue }
            var found: [RecognizedObject] = []
            if Syntax(fileName: path) == .hcl {
                // A .tf file is read with the rest of its module, as the scan reads it;
                // each file of the module is parsed once.
                let directory = TerraformModule.directory(of: path)
                if modules[directory] == nil {
                    let siblings = files.keys.filter { TerraformModule.directory(of: $0) == directory && Syntax(fileName: $0) == .hcl }.sorted()
                    let documents = Dictionary(uniqueKeysWithValues: siblings.compactMap { sibling in parsed(files[sibling] ?? [], path: sibling).first.map { (sibling, $0) } })
                    modules[directory] = (TerraformModule(documents: siblings.compactMap { documents[$0] }, now: configuration.now ?? Date()), documents)
                }
                var ignored: [Diagnostic] = []
                if let (module, documents) = modules[directory], let document = documents[path] { found = module.objects(in: document, problems: &ignored) }
            } else {
                // The objects a change touches, by identity; what a file could not be read
                // for is the scan's to report, not this lookup's.
                var ignored: [Diagnostic] = []
                found = parsed(raw, path: path).flatMap { recognition.recognize($0, problems: &ignored) }
            }
            for object in found where objects[object.identity] == nil {
                objects[object.identity] = object
            }
        }
        return objects
    }

    private func parsed(_ raw: [UInt8], path: String) -> [Document] {
        guard var text = try? SourceText.prepare(raw) else { return [] }
        let syntax = Syntax(fileName: path, contents: text)
        if syntax == .yaml, HelmTemplate.applies(path: path, text: text) { text = HelmTemplate.flatten(text) }
        var documents: [Document] = []
        try? text.withUnsafeBufferPointer { buffer in
            try syntax.parser.parse(buffer, file: path, limits: configuration.limits) { documents.append($0) }
        }
        return documents
    }
}
