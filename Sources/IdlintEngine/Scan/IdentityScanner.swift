import Dispatch
import FoundationEssentials
import IdlintSyntax

/// The scan: discover files, then in parallel parse each once, recognise its objects,
/// run document rules and extract facts while its tree is in memory; then merge the
/// facts and run grant rules and whole-model analyses. Never writes to what it reads.
public struct IdentityScanner: Sendable {
    public let library: RuleLibrary
    public let configuration: ScanConfiguration
    private let recognition = Recognition()
    private let documentRules: DocumentRuleEvaluator
    /// The scan's clock: the configured moment, or when the scanner was made.
    private let now: Date

    public init(library: RuleLibrary, configuration: ScanConfiguration) {
        self.library = library
        self.configuration = configuration
        now = configuration.now ?? Date()
        documentRules = DocumentRuleEvaluator(rules: library.rules, now: now)
    }

    public func scan(paths: [String]) -> ScanResult {
        let started = Date()
        let discovered = FileDiscovery(options: configuration.discovery).discover(paths)
        let discoveryDone = Date()
        var result = scan(files: discovered.files)
        result.statistics.phaseSeconds.insert(("discovery", discoveryDone.timeIntervalSince(started)), at: 0)
        result.diagnostics = (discovered.diagnostics + result.diagnostics).sorted()
        result.statistics.pathsExcluded = discovered.excluded
        result.statistics.seconds = Date().timeIntervalSince(started)
        return result
    }

    public func scan(files: [InputFile]) -> ScanResult {
        let started = Date()
        let inputs = files.map(loadStandardInput)
        // Kustomizations are read first: they say which files are parts of overlays.
        let (kustomize, kustomizationOutcomes) = readKustomizations(inputs)
        let charts = HelmCharts(inputs, limits: configuration.limits, maxBytes: configuration.discovery.maxFileBytes)
        let companions = CompanionFiles(inputs, limits: configuration.limits, maxBytes: configuration.discovery.maxFileBytes)
        var outcomes = kustomizationOutcomes
        var model = IdentityModel()
        for index in outcomes.indices { Self.moveModel(of: &outcomes[index], into: &model) }
        // Each file's facts join the model as soon as the file and those before it are
        // done, so the model has the order of the files however the threads ran.
        let processed: [FileOutcome]
        (processed, model) = processInParallel(inputs.filter { !Kustomization.isKustomization($0.displayPath) }, kustomize: kustomize,
                                               charts: charts, companions: companions, mergingInto: model)
        outcomes += processed
        let crossFileStart = outcomes.endIndex
        outcomes += terraformOutcomes(modules: TerraformModule.modules(of: outcomes.flatMap(\.terraformDocuments)))
        if let kustomize { outcomes += overlayOutcomes(kustomize, documents: outcomes) }
        for index in crossFileStart..<outcomes.endIndex { Self.moveModel(of: &outcomes[index], into: &model) }
        let filesDone = Date()
        var diagnostics: [Diagnostic] = []
        var inlineSuppressions: [SuppressionEntry] = []
        var statistics = ScanStatistics()
        var relations: [OverlayRelation] = []
        for index in outcomes.indices {
            diagnostics += outcomes[index].diagnostics
            relations += outcomes[index].relations
            inlineSuppressions += outcomes[index].suppressions
            statistics.add(outcomes[index].statistics)
        }
        model.kubernetes.placeUnwrittenNamespaces()
        MallocSettings.releaseFreeMemory()
        let mergeDone = Date()
        let kept = configuration.keepsModel ? model : nil
        // A whole-model finding on a called module's lines names the calls that reach
        // them in its environment; a finding of one module instance already names its own.
        var modelFindings = wholeModelFindings(&model)
        let moduleCallRelations = outcomes.flatMap(\.moduleCallRelations)
        for index in modelFindings.indices { OverlayRelation.relate(&modelFindings[index], moduleCallRelations) }
        // Every finding moves into one array sized once, each file's and each rule's own
        // list freed as it goes: findings are the largest thing a dense scan holds, and
        // joining the lists first held them two or three times over at the peak.
        var findings: [Finding] = []
        findings.reserveCapacity(outcomes.reduce(modelFindings.reduce(0) { $0 + $1.count }) { $0 + $1.findings.count })
        for index in outcomes.indices {
            findings += outcomes[index].findings
            outcomes[index].findings = []
        }
        for index in modelFindings.indices {
            findings += modelFindings[index]
            modelFindings[index] = []
        }
        OverlayRelation.relate(&findings, relations)
        let modelDone = Date()
        findings.sort()
        diagnostics += configuration.suppressions.apply(to: &findings, inline: inlineSuppressions)
        // Freeing every fact of a large scan takes a noticeable share of its time and
        // nothing waits for it: release them on a background thread.
        let facts = (outcomes, model)
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(facts) {} }
        statistics.phaseSeconds = [
            ("files", filesDone.timeIntervalSince(started)), ("merge", mergeDone.timeIntervalSince(filesDone)),
            ("whole model", modelDone.timeIntervalSince(mergeDone)), ("sort", Date().timeIntervalSince(modelDone)),
        ]
        statistics.seconds = Date().timeIntervalSince(started)
        // Overlays that share a base repeat its notes: each is said once.
        if kustomize != nil { diagnostics = Array(Set(diagnostics)) }
        var result = ScanResult(findings: findings, diagnostics: diagnostics.sorted(), statistics: statistics, rules: library.rules)
        result.model = kept
        return result
    }

    // MARK: - Per file

    private struct FileOutcome: Sendable {
        var findings: [Finding] = []
        var suppressions: [SuppressionEntry] = []
        var diagnostics: [Diagnostic] = []
        var model = IdentityModel()
        var statistics = ScanStatistics()
        /// Parsed `.tf` files, recognised once their whole module is read.
        var terraformDocuments: [Document] = []
        /// Manifests and patches that overlays build from, recognised as parts of each overlay.
        var overlayDocuments: [Document] = []
        /// What ties an overlay's patched objects to their bases.
        var relations: [OverlayRelation] = []
        /// What ties a called Terraform module's files to the calls that reach them.
        var moduleCallRelations: [OverlayRelation] = []

        /// What judging some of this file's documents elsewhere found, after what was found
        /// here. Every field is joined, so that nothing judging comes to write is lost for
        /// the large files whose documents are judged on another thread.
        mutating func take(_ part: FileOutcome) {
            findings += part.findings
            suppressions += part.suppressions
            diagnostics += part.diagnostics
            model.merge(part.model)
            statistics.add(part.statistics)
            terraformDocuments += part.terraformDocuments
            overlayDocuments += part.overlayDocuments
            relations += part.relations
            moduleCallRelations += part.moduleCallRelations
        }
    }

    /// Reads standard input once, up front; a failure becomes the file's error.
    private func loadStandardInput(_ file: InputFile) -> InputFile {
        guard case .standardInput = file.source else { return file }
        do {
            let bytes = try FileReader.readStandardInput(maxBytes: configuration.discovery.maxFileBytes)
            return InputFile(displayPath: file.displayPath, source: .content(bytes))
        } catch let error as FileReader.ReadError {
            return InputFile(displayPath: file.displayPath, source: .unreadable(error.message))
        } catch {
            return InputFile(displayPath: file.displayPath, source: .unreadable("\(error)"))
        }
    }

    private func processInParallel(_ files: [InputFile], kustomize: KustomizeTree?, charts: HelmCharts, companions: CompanionFiles,
                                   mergingInto model: IdentityModel) -> (outcomes: [FileOutcome], model: IdentityModel) {
        let (outcomes, merged) = parallelMap(files.count, workers: workerCount(for: files.count), into: model,
                                             absorbing: { model, outcome in Self.moveModel(of: &outcome, into: &model) }) { index in
            let path = files[index].displayPath
            let deferral: Deferral = kustomize.map { $0.patchFiles.contains(path) ? .all : $0.builtFiles.contains(path) ? .manifests : .none } ?? .none
            return process(files[index], deferring: deferral, charts: charts, companions: companions)
        }
        return (outcomes, merged)
    }

    /// The merged model is the only copy of an outcome's facts kept from here on.
    private static func moveModel(of outcome: inout FileOutcome, into model: inout IdentityModel) {
        model.merge(outcome.model)
        outcome.model = IdentityModel()
    }

    /// Documents handed to the judging thread at a time, or fewer when they hold this
    /// many nodes (see `process`).
    private static let documentsPerBatch = 64
    private static let nodesPerBatch = 20_000

    /// Which documents of a file wait for a cross-file step instead of being recognised
    /// alone: all of them (a kustomization, a patch), or its manifests (a file that
    /// overlays build from: judged as part of each overlay, see `KustomizeBuild`).
    private enum Deferral {
        case none
        case manifests
        case all
    }

    private func inParallel(_ count: Int, _ work: @Sendable (Int) -> FileOutcome) -> [FileOutcome] {
        parallelMap(count, workers: workerCount(for: count), work)
    }

    private func process(_ file: InputFile, deferring deferral: Deferral = .none, charts: HelmCharts = HelmCharts(),
                         companions: CompanionFiles = CompanionFiles()) -> FileOutcome {
        var outcome = FileOutcome()
        // A large file's documents are judged on a second thread while it is parsed, a
        // batch at a time: handing over each of tens of thousands of small documents
        // cost more in waking threads than judging them.
        var judging: Handoff<[Document], FileOutcome>?
        var batch: [Document] = []
        var batchNodes = 0
        func settleJudging() {
            guard let pending = judging else { return }
            judging = nil
            if !batch.isEmpty { pending.put(batch) }
            outcome.take(pending.finish())
        }
        let raw: [UInt8]
        do {
            raw = try file.read(maxBytes: configuration.discovery.maxFileBytes)
        } catch let error as FileReader.ReadError {
            outcome.diagnostics.append(Diagnostic(.error, file: file.displayPath, error.message))
            return outcome
        } catch {
            outcome.diagnostics.append(Diagnostic(.error, file: file.displayPath, "\(error)"))
            return outcome
        }
        outcome.statistics.filesScanned = 1
        outcome.statistics.bytesScanned = raw.count
        // The first document's root: where a note about an unrecognised file points.
        var firstRoot: Node?
        var chartTemplate = false
        do {
            var text = try SourceText.prepare(raw)
            let syntax = Syntax(fileName: file.displayPath, contents: text)
            if InlineSuppressions.reads(syntax) {
                let (entries, problems) = InlineSuppressions.find(in: text, file: file.displayPath)
                outcome.suppressions = entries
                outcome.diagnostics += problems
            }
            // Suppression comments are read from the file as written, the YAML from its template.
            if syntax == .yaml, HelmTemplate.applies(path: file.displayPath, text: text) {
                chartTemplate = charts.isChartTemplate(file.displayPath)
                text = templateText(text, file: file.displayPath, values: charts.values(forTemplate: file.displayPath))
            }
            let configuredEnvironment = configuration.environments.name(of: file.displayPath)
            if syntax == .yaml, deferral != .all, text.count >= configuration.pipelinedFileBytes, workerCount(for: 2) > 1 {
                judging = Handoff(capacity: 4) { [self] next in
                    var part = FileOutcome()
                    while let documents = next() {
                        for document in documents { judge(document, companions: companions, into: &part) }
                    }
                    return part
                }
            }
            try text.withUnsafeBufferPointer { bytes in
                try syntax.parser.parse(bytes, file: file.displayPath, limits: configuration.limits) { parsed in
                    let document = configuredEnvironment.map { parsed.reading(in: $0) } ?? parsed
                    outcome.statistics.documents += 1
                    if document.syntax == .hcl {
                        outcome.terraformDocuments.append(document)
                        return
                    }
                    if deferral == .all || (deferral == .manifests && KubernetesRecognizer.objects(in: document.root) != nil) {
                        outcome.overlayDocuments.append(document)
                        return
                    }
                    if firstRoot == nil { firstRoot = document.root }
                    if let judging {
                        batch.append(document)
                        batchNodes += document.nodeCount
                        // By count, and by size: a bundle of a few large CRDs would
                        // otherwise be held whole and judged only once it was parsed.
                        if batch.count == Self.documentsPerBatch || batchNodes >= Self.nodesPerBatch {
                            judging.put(batch)
                            batch.removeAll(keepingCapacity: true)
                            batchNodes = 0
                        }
                        return
                    }
                    judge(document, companions: companions, into: &outcome)
                }
            }
            settleJudging()
            // .tf files are recognised with their module, later.
            if outcome.terraformDocuments.isEmpty {
                // A parameter file is read with its template, as that template's values.
                let recognised = !outcome.statistics.objectsByKind.isEmpty || !outcome.overlayDocuments.isEmpty
                    || companions.wasRead(file.displayPath)
                // A document recognition could not read is already an error of the file,
                // which is then counted as a file that did not parse is: not as one that
                // held nothing idlint reads.
                let unreadable = outcome.diagnostics.contains { $0.level == .error }
                if recognised || !unreadable { outcome.statistics.count(file: file.displayPath, recognised: recognised) }
                if !recognised, !unreadable, let firstRoot, let note = UnreadInput.unrecognised(firstRoot, file: file.displayPath) {
                    outcome.diagnostics.append(note)
                }
            }
        } catch let error as SyntaxError {
            settleJudging()
            let recognisedSome = !outcome.statistics.objectsByKind.isEmpty || !outcome.overlayDocuments.isEmpty || !outcome.terraformDocuments.isEmpty
            outcome.diagnostics.append(UnreadInput.parseFailure(error, file: file.displayPath, bytes: raw, recognisedSome: recognisedSome,
                                                                chartTemplate: chartTemplate))
        } catch {
            settleJudging()
            outcome.diagnostics.append(Diagnostic(.error, file: file.displayPath, "\(error)"))
        }
        return outcome
    }

    /// A chart template as YAML, with its chart's defaults filled in where they read as
    /// YAML there. A default that does not fit where the template puts it (a map inserted
    /// beside keys written out) would make the file unreadable: it is then read without.
    private func templateText(_ text: [UInt8], file: String, values: HelmValues?) -> [UInt8] {
        let plain = HelmTemplate.flatten(text)
        guard let values else { return plain }
        let filled = HelmTemplate.flatten(text, values: values)
        guard filled != plain else { return plain }
        let parses = (try? filled.withUnsafeBufferPointer { bytes in
            try Syntax.yaml.parser.parse(bytes, file: file, limits: configuration.limits) { _ in }
        }) != nil
        return parses ? filled : plain
    }

    /// Recognises a document's objects and judges each (`absorb`): the one way a parsed
    /// document is read, on whichever thread, so a file is judged alike however it came.
    private func judge(_ document: Document, companions: CompanionFiles = CompanionFiles(), into outcome: inout FileOutcome) {
        for object in recognition.recognize(document, companions: companions, problems: &outcome.diagnostics) { absorb(object, into: &outcome) }
    }

    /// Runs document rules on an object and keeps its facts for the whole-model stage.
    private func absorb(_ object: RecognizedObject, into outcome: inout FileOutcome) {
        outcome.statistics.objectsByKind[object.kind.rawValue, default: 0] += 1
        documentRules.evaluate(object, into: &outcome.findings)
        let place = object.node.location
        if let extract = DirectGrantExtractors.byKind[object.kind] { outcome.model.directGrants += extract(object).map { $0.held(at: place) } }
        if let extract = CredentialExtractors.byKind[object.kind] { outcome.model.credentials += extract(object).map { $0.held(at: place) } }
        switch object.platform {
        case .kubernetes:
            KubernetesAdapter.facts(from: object, into: &outcome.model.kubernetes)
            if DocumentKind.kubernetesRBAC.contains(object.kind) { outcome.statistics.grantPlatforms.insert(.kubernetes) }
        case .aws where object.kind == .awsPolicy || object.kind == .awsTrustPolicy:
            outcome.model.awsPolicies.append(AWSPolicy.facts(from: object))
            outcome.statistics.grantPlatforms.insert(.aws)
        case .gcp where object.kind == .gcpPolicy || object.kind == .gcpMember:
            outcome.model.gcpPolicies.append(GCPPolicy.facts(from: object))
            outcome.statistics.grantPlatforms.insert(.gcp)
        case .azure where object.kind == .azureRoleDefinition:
            outcome.model.azureRoles.append(AzureRoleDefinition.facts(from: object))
            outcome.statistics.grantPlatforms.insert(.azure)
        default: break
        }
    }

    /// The `.tf` files' objects: each module instance (a root, or a local module as one
    /// call makes it) is indexed once (its variables, locals and policy documents span
    /// files), then its files are recognised in parallel. A finding of a called module
    /// names the calls that lead to it.
    private func terraformOutcomes(modules: [[Document]]) -> [FileOutcome] {
        let configuration = TerraformConfiguration(modules: modules, now: now)
        let work = configuration.instances.flatMap { instance in instance.documents.map { (instance, $0) } }
        var outcomes = inParallel(work.count) { index in
            let (instance, document) = work[index]
            var outcome = FileOutcome()
            for object in instance.module.objects(in: document, problems: &outcome.diagnostics) { absorb(object, into: &outcome) }
            for index in outcome.findings.indices { outcome.findings[index].relatedLocations += instance.calls.map(\.related) }
            return outcome
        }
        // A module called twice is still one file each, recognised when any call made an
        // object of it; a file whose module calls pass values on is read for those.
        var order: [String] = []
        var recognised: [String: Bool] = [:]
        for (index, (_, document)) in work.enumerated() {
            if recognised[document.file] == nil { order.append(document.file) }
            recognised[document.file] = recognised[document.file] == true || !outcomes[index].statistics.objectsByKind.isEmpty
                || configuration.callingFiles.contains(document.file)
        }
        var summary = FileOutcome(diagnostics: configuration.diagnostics)
        for file in order { summary.statistics.count(file: file, recognised: recognised[file] == true) }
        summary.moduleCallRelations = configuration.instances.flatMap { instance in
            instance.documents.flatMap { document in
                instance.calls.map { site in
                    OverlayRelation(environment: document.environment, file: document.file, lines: 1...Int32.max, related: site.related)
                }
            }
        }
        outcomes.append(summary)
        return outcomes
    }

    // MARK: - Kustomize

    /// The scan's kustomization files, parsed once, and how they include one another;
    /// nil when there are none.
    private func readKustomizations(_ files: [InputFile]) -> (KustomizeTree?, [FileOutcome]) {
        let named = files.filter { Kustomization.isKustomization($0.displayPath) }
        guard !named.isEmpty else { return (nil, []) }
        var outcomes = inParallel(named.count) { index in
            var outcome = FileOutcome()
            let read = process(named[index], deferring: .all)
            outcome.diagnostics = read.diagnostics
            outcome.statistics = read.statistics
            outcome.overlayDocuments = read.overlayDocuments
            return outcome
        }
        var kustomizations: [Kustomization] = []
        for index in outcomes.indices {
            for document in outcomes[index].overlayDocuments {
                let kustomization = Kustomization(document, limits: configuration.limits)
                outcomes[index].diagnostics += kustomization.diagnostics
                kustomizations.append(kustomization)
            }
            outcomes[index].overlayDocuments = []
        }
        let tree = KustomizeTree(kustomizations, scanned: Set(files.map(\.displayPath)))
        outcomes.append(FileOutcome(diagnostics: tree.diagnostics))
        return (tree, outcomes)
    }

    /// Each overlay built from the manifests its files hold, its objects recognised and
    /// absorbed in its own environment; one overlay per task across the cores.
    private func overlayOutcomes(_ tree: KustomizeTree, documents outcomes: [FileOutcome]) -> [FileOutcome] {
        var byFile: [String: [Document]] = [:]
        for outcome in outcomes {
            for document in outcome.overlayDocuments { byFile[document.file, default: []].append(document) }
        }
        let documents = byFile
        return inParallel(tree.roots.count) { index in
            let root = tree.roots[index]
            let environment = configuration.environments.name(of: root) ?? KustomizeTree.environment(of: root)
            var build = KustomizeBuild(tree: tree, documents: documents)
            let objects = build.objects(of: root)
            var outcome = FileOutcome(diagnostics: build.diagnostics)
            for object in objects {
                guard let document = object.tree.document(file: object.origin.file, environment: environment) else {
                    outcome.diagnostics.append(Diagnostic(.error, file: object.origin.file, at: object.origin.span.start,
                                                          "\(object.kind) \(object.name) as overlay \(root) builds it is past the size limit; not judged"))
                    continue
                }
                judge(document, into: &outcome)
                outcome.relations += OverlayRelation.of(object, kind: object.kind, name: object.name, environment: environment)
            }
            return outcome
        }
    }

    // MARK: - Whole model

    /// Grant rules and analyses: each reads the shared, immutable model (and grant sets)
    /// and returns its own findings, one list per rule. In two rounds: first every rule
    /// that reads the grant sets, one rule per task across the cores; then, once the sets,
    /// their index and the model's statements are released, the analyses that read the
    /// model alone. Their findings are then never held beside what the first round
    /// read: on the benchmark's large cluster the shared-account findings alone are about
    /// as large as the sets and index together.
    private func wholeModelFindings(_ model: inout IdentityModel) -> [[Finding]] {
        let rules = library.rules.filter {
            if case .document = $0.matcher { return false }
            return true
        }
        var byRule = [[Finding]](repeating: [], count: rules.count)
        var overModel: [(index: Int, analysis: @Sendable (Rule, IdentityModel, Int) -> [Finding])] = []
        var overGrants: [(index: Int, analysis: (@Sendable (Rule, ModelContext) -> [Finding])?)] = []
        for index in rules.indices {
            switch rules[index].matcher {
            case .document: break
            case .grants: overGrants.append((index, nil))
            case .analysis(let name):
                switch AnalysisRegistry.analyses[name] {
                case .overModel(let analysis): overModel.append((index, analysis))
                case .overGrants(let analysis): overGrants.append((index, analysis))
                case nil: break
                }
            }
        }
        if !overGrants.isEmpty {
            // Analyses walk every workload or account, grant rules only the sets their
            // index points them to: the long ones are handed out first, so that no core
            // is left with one of them while the other has run out of work.
            let order = overGrants.filter { $0.analysis != nil } + overGrants.filter { $0.analysis == nil }
            let context = ModelContext(model: model, library: library, parallel: workerCount(for: 2) > 1)
            let grantEvaluator = GrantRuleEvaluator(context: context)
            let results = parallelMap(order.count, workers: workerCount(for: order.count)) { position in
                let (index, analysis) = order[position]
                var findings: [Finding] = []
                if let analysis {
                    findings = analysis(rules[index], context)
                } else if case .grants(let matcher) = rules[index].matcher {
                    grantEvaluator.evaluate(rules[index], matcher, into: &findings)
                }
                findings.shareRepeatedTexts()
                return findings
            }
            for (position, entry) in order.enumerated() { byRule[entry.index] = results[position] }
        }
        model.releaseStatements()
        MallocSettings.releaseFreeMemory()
        // One after another on this thread, each given the threads it may use: these few
        // analyses are each one walk of the model, and one made wholly on a second thread
        // allocated its findings in an arena of its own, beside the statements just freed
        // in this one (10 MB more at the peak of the benchmark's corpus on two threads).
        for (index, analysis) in overModel {
            var findings = analysis(rules[index], model, workerCount(for: .max))
            findings.shareRepeatedTexts()
            byRule[index] = findings
        }
        return byRule
    }

    private func workerCount(for items: Int) -> Int {
        max(1, min(ScanConfiguration.threads(forJobs: configuration.jobs), items))
    }
}
