import Foundation
import IdlintEngine
import IdlintReporting
import MCP

/// What the agent interface does, one method per tool, independent of MCP's plumbing:
/// every answer is the same JSON that `idlint scan --format json` and `idlint diff
/// --format json` write (secrets redacted by the same reporters), with a short summary.
/// Nothing here writes anywhere or runs anything but read-only git.
public struct AgentTools: Sendable {
    public let sandbox: RootSandbox
    public let library: RuleLibrary
    public let configuration: ScanConfiguration
    public let limits: AgentLimits

    public init(sandbox: RootSandbox, library: RuleLibrary, configuration: ScanConfiguration, limits: AgentLimits = AgentLimits()) {
        self.sandbox = sandbox
        self.library = library
        self.configuration = configuration
        self.limits = limits
    }

    /// A tool's answer: a summary for people, the report for programs, and what the
    /// call log records about the arguments.
    struct Output {
        var summary: String
        var structured: Value
        var logged: [String: String]
    }

    // MARK: scan

    func scan(_ raw: [String: Value]?) throws -> Output {
        let arguments = try ToolArguments(raw, allowed: ["paths", "files"])
        let paths = try arguments.strings("paths", max: limits.maxPaths) ?? []
        let inline = try arguments.files("files", limits: limits, allowDeletion: false) ?? []
        var inputs: [InputFile] = []
        var notes: [Diagnostic] = []
        if !paths.isEmpty || inline.isEmpty {
            let resolved = try (paths.isEmpty ? ["."] : paths).map { try sandbox.resolve($0).absolute }
            let (files, discovered) = ChangeSides.folder(sandbox.root, paths: resolved, configuration.discovery)
            inputs += files
            notes += discovered
        }
        inputs += inline.map { InputFile(displayPath: $0.name, source: .content($0.content ?? [])) }
        var result = IdentityScanner(library: library, configuration: configuration).scan(files: inputs)
        result.diagnostics = notes + result.diagnostics
        let report = JSONReporter().render(ReportInput(result: result, library: library, sourceRoot: sandbox.root))
        let logged = ["paths": paths.joined(separator: ","), "files": inline.map { "\($0.name) (\($0.content?.count ?? 0) bytes)" }.joined(separator: ",")]
        return Output(summary: Self.summary(of: result), structured: try Self.value(report), logged: logged.merging(["findings": String(result.activeFindings.count)]) { $1 })
    }

    static func summary(of result: ScanResult) -> String {
        let active = result.activeFindings
        var lines = ["\(active.count) finding(s) in \(result.statistics.filesScanned) file(s)"
            + Severity.allCases.reversed().compactMap { severity in
                let count = result.count(of: severity)
                return count > 0 ? "\(count) \(severity.rawValue)" : nil
            }.joined(separator: ", ").prefixed(": ")]
        for finding in active.prefix(10) {
            lines.append("- \(finding.severity.rawValue) \(finding.ruleID) at \(finding.location.file):\(finding.location.line): \(finding.message)")
        }
        if active.count > 10 { lines.append("- ... and \(active.count - 10) more in the structured result") }
        let errors = result.diagnostics.filter { $0.level == .error }
        if !errors.isEmpty { lines.append("\(errors.count) input(s) could not be read: \(errors.prefix(3).map { "\($0.file): \($0.message)" }.joined(separator: "; "))") }
        return lines.joined(separator: "\n")
    }

    // MARK: check_change

    func checkChange(_ raw: [String: Value]?) throws -> Output {
        let arguments = try ToolArguments(raw, allowed: ["base", "head", "changes", "actor"])
        let base = try arguments.string("base", maxBytes: 256)
        let head = try arguments.string("head", maxBytes: 256)
        let changes = try arguments.files("changes", limits: limits, allowDeletion: true)
        guard let choice = ChangeActor.Choice(rawValue: try arguments.string("actor") ?? "auto") else { throw ToolFailure("'actor' is auto, agent or human") }
        // A git failure reads as its message (GitRevision.Failure describes itself).
        let sides: ChangeSides
        switch (base, changes) {
        case (_?, nil):
            sides = try ChangeSides.git(root: sandbox.root, base: base!, head: head, paths: [], options: configuration.discovery)
        case (nil, let changes?):
            guard head == nil else { throw ToolFailure("'head' goes with 'base'; 'changes' are compared with the root's current files") }
            let (current, notes) = ChangeSides.folder(sandbox.root, configuration.discovery)
            sides = ChangeSides.proposal(base: current, baseNotes: notes, changes: changes.map { ($0.name, $0.content) })
        default:
            throw ToolFailure("give either 'base' (a git revision, with an optional 'head') or 'changes' (proposed file contents)")
        }
        let (actor, evidence) = try ChangeActor.resolve(choice, proposal: changes == nil ? nil : "the head is a proposal handed to the agent interface",
                                                        root: sandbox.root, base: base, head: head, recognition: library.agentRecognition)
        let comparison = ChangeGate(library: library, configuration: configuration, actor: actor, actorEvidence: evidence)
            .compare(base: sides.base, head: sides.head, baseNotes: sides.baseNotes, headNotes: sides.headNotes)
        let report = DiffJSONReporter().render(DiffReportInput(comparison: comparison, library: library, sourceRoot: sandbox.root))
        let newFindings = comparison.findings.filter { $0.baselineState == .new && $0.suppression == nil }
        var lines = ["verdict: \(comparison.verdict.rawValue) (\(comparison.actor.rawValue) change)"]
        lines += comparison.reasons.map { "- \($0)" }
        lines.append("\(newFindings.count) new finding(s); \(comparison.privilegeDelta.count { !$0.gained.isEmpty }) principal(s) gain privileges")
        for finding in newFindings.prefix(10) {
            lines.append("- new \(finding.severity.rawValue) \(finding.ruleID) at \(finding.location.file):\(finding.location.line): \(finding.message)")
        }
        let gains = comparison.privilegeDelta.filter { !$0.gained.isEmpty }
        for delta in gains.prefix(10) {
            lines.append("- \(delta.principal) gains \(delta.gained.prefix(5).map(\.description).joined(separator: "; "))" + (delta.gained.count > 5 ? " and \(delta.gained.count - 5) more" : ""))
        }
        if newFindings.count > 10 || gains.count > 10 { lines.append("- ... the structured result lists everything") }
        let logged = ["base": base ?? "", "head": head ?? "", "changes": (changes ?? []).map { "\($0.name) (\($0.content.map { "\($0.count) bytes" } ?? "deleted"))" }.joined(separator: ","),
                      "verdict": comparison.verdict.rawValue]
        return Output(summary: lines.joined(separator: "\n"), structured: try Self.value(report), logged: logged)
    }

    // MARK: explain_rule

    func explainRule(_ raw: [String: Value]?) throws -> Output {
        let arguments = try ToolArguments(raw, allowed: ["rule"])
        guard let id = try arguments.string("rule", maxBytes: 128) else { throw ToolFailure("'rule' (a rule id such as K8S-SECRETS-READ) is required") }
        guard let rule = library.rule(matching: id) else {
            let near = library.rules.map(\.id).filter { $0.contains(id.uppercased()) || id.uppercased().contains($0) }.prefix(5)
            throw ToolFailure("no rule \(id)" + (near.isEmpty ? "; 'map_controls' or the idlint://rules resource lists them" : "; did you mean \(near.joined(separator: ", "))?"))
        }
        let controls: [Value] = rule.controls.map { control in
            .object(["id": .string(control), "title": library.controlTitle(control).map(Value.string) ?? .null,
                     "why": rule.controlRationale[control].map(Value.string) ?? .null])
        }
        var object: [String: Value] = [
            "id": .string(rule.id), "title": .string(rule.title), "severity": .string(rule.severity.rawValue), "family": .string(rule.family),
            "rationale": .string(rule.rationale), "remediation": .string(rule.remediation), "controls": .array(controls),
            "examples": .object(["appliesTo": .string(Self.appliesTo(rule)),
                                 "fixtures": .string("fixtures/\(rule.family)/\(rule.id)/positive and /negative in the idlint source tree")]),
        ]
        object["precision"] = .string(rule.precision.rawValue)
        if let page = rule.helpPage(under: configuration.ruleDocsURL ?? IdlintVersion.ruleDocsURL) { object["helpUri"] = .string(page) }
        let summary = "\(rule.id) (\(rule.severity.rawValue)): \(rule.title)\nWhy: \(rule.rationale)\nFix: \(rule.remediation)\nControls: \(rule.controls.joined(separator: ", "))"
        return Output(summary: summary, structured: .object(object), logged: ["rule": id])
    }

    /// What a rule looks at, in words: the object kinds or the grants it judges.
    static func appliesTo(_ rule: Rule) -> String {
        switch rule.matcher {
        case .document(let matcher):
            return "objects of kind \(matcher.kinds.sorted().map(\.rawValue).joined(separator: ", "))" + (matcher.each.map { ", at each \($0.description)" } ?? "")
        case .grants(let matcher):
            let platforms = matcher.platforms.isEmpty ? "every platform" : matcher.platforms.map(\.rawValue).sorted().joined(separator: ", ")
            return "grants on \(platforms): who may do what, after bindings, Deny statements and boundaries are resolved"
        case .analysis(let name):
            return "the whole-model analysis \(name)"
        }
    }

    // MARK: map_controls

    func mapControls(_ raw: [String: Value]?) throws -> Output {
        let arguments = try ToolArguments(raw, allowed: ["framework", "rules", "findings"])
        let framework = try arguments.string("framework", maxBytes: 128)
        var ruleIDs = try arguments.strings("rules", max: limits.maxRules) ?? []
        if let findings = arguments.values["findings"], findings != .null {
            guard let list = findings.arrayValue, list.count <= 10_000 else { throw ToolFailure("'findings' must be a list of at most 10,000 findings") }
            ruleIDs += try list.map { item in
                guard let id = item.objectValue?["ruleId"]?.stringValue ?? item.stringValue else {
                    throw ToolFailure("each finding needs a 'ruleId' (as in scan's results)")
                }
                return id
            }
        }
        guard !ruleIDs.isEmpty else { throw ToolFailure("give 'rules' (rule ids) or 'findings' (objects with a ruleId)") }
        let catalogs = library.catalogs(matching: framework ?? "all")
        guard !catalogs.isEmpty else {
            throw ToolFailure("no framework \(framework ?? ""); known: \(library.catalogs.map(\.id).joined(separator: ", ")), or all")
        }
        var byControl: [String: [String]] = [:]
        var unknown: [String] = []
        for id in Set(ruleIDs).sorted() {
            guard let rule = library.rule(id: id) else { unknown.append(id); continue }
            for control in rule.controls where catalogs.contains(where: { control.hasPrefix($0.id + ":") }) {
                byControl[control, default: []].append(rule.id)
            }
        }
        let controls: [Value] = byControl.keys.sorted().map { control in
            .object(["id": .string(control), "title": library.controlTitle(control).map(Value.string) ?? .null,
                     "rules": .array(byControl[control]!.map(Value.string))])
        }
        var object: [String: Value] = ["frameworks": .array(catalogs.map { .string("\($0.id) (\($0.title) \($0.version))") }), "controls": .array(controls)]
        if !unknown.isEmpty { object["unknownRules"] = .array(unknown.map(Value.string)) }
        // The text answers too: an agent that reads only text gets the controls, not a count.
        var lines = ["\(byControl.count) control(s) of \(catalogs.map(\.id).joined(separator: ", ")) touched by \(Set(ruleIDs).count - unknown.count) rule(s)"
            + (byControl.isEmpty ? "" : ":")]
        lines += byControl.keys.sorted().map { control in
            "- \(control)\(library.controlTitle(control).map { " \($0)" } ?? ""): \(byControl[control]!.joined(separator: ", "))"
        }
        if !unknown.isEmpty { lines.append("unknown rule ids: \(unknown.joined(separator: ", "))") }
        let summary = lines.joined(separator: "\n")
        return Output(summary: summary, structured: .object(object), logged: ["framework": framework ?? "all", "rules": String(Set(ruleIDs).count)])
    }

    /// A report's JSON as an MCP value, for structured content.
    static func value(_ json: String) throws -> Value {
        try JSONDecoder().decode(Value.self, from: Data(json.utf8))
    }
}

extension String {
    fileprivate func prefixed(_ prefix: String) -> String {
        isEmpty ? "" : prefix + self
    }
}
