import FoundationEssentials
import IdlintSyntax

/// The scan's Terraform modules as Terraform applies them: each root module (a folder
/// that no other scanned module calls) with its defaults, and through it every local
/// module it calls, once per call, with the call's inputs, in the root's environment.
/// A module that is called is judged only through its calls: on its own, with its
/// defaults, it would be judged as no caller applies it. What is not followed (remote
/// sources, paths outside the scan, cycles, nesting past a bound) is a diagnostic that
/// names the call.
struct TerraformConfiguration {
    /// One module as one call (or a root) makes it.
    struct Instance: Sendable {
        var module: TerraformModule
        /// Its files, read in the instance's environment.
        var documents: [Document]
        /// The calls that lead to it from its root, outermost first; empty for a root.
        var calls: [CallSite]
    }

    /// Where a call is written, and the address it gives the module.
    struct CallSite: Sendable {
        var address: String
        var place: SourceLocation

        /// The call as a finding on the module's lines names it.
        var related: RelatedLocation {
            RelatedLocation(location: place, message: Redaction.scrub("\(address) calls this module here: it is judged with that call's inputs"))
        }
    }

    /// Calls nested deeper than this are not followed (real configurations nest a few levels).
    static let maxDepth = 16
    /// Called module instances one scan evaluates at most (roots are always judged): calls
    /// fan out (a module calling another twice, ten levels down, is a thousand instances).
    static let maxInstances = 2_000

    private(set) var instances: [Instance] = []
    /// Files that hold a call this configuration follows: read for what they pass on,
    /// even when they define no identity object themselves.
    private(set) var callingFiles: Set<String> = []
    private(set) var diagnostics: [Diagnostic] = []
    private let documents: [String: [Document]]
    /// Each folder's calls, with where they lead.
    private let calls: [String: [(call: TerraformModuleCall, target: TerraformModuleCall.Target)]]
    private let now: Date
    private var calledInstances = 0
    private var stoppedAtLimit = false

    /// `modules` as `TerraformModule.modules(of:)` groups them.
    init(modules: [[Document]], now: Date) {
        self.now = now
        var order: [String] = []
        var documents: [String: [Document]] = [:]
        for module in modules {
            guard let first = module.first else { continue }
            let folder = TerraformModule.directory(of: first.file)
            order.append(folder)
            documents[folder] = module
        }
        self.documents = documents
        let folders = Set(order)
        var calls: [String: [(call: TerraformModuleCall, target: TerraformModuleCall.Target)]] = [:]
        var diagnostics: [Diagnostic] = []
        var called: Set<String> = []
        for folder in order {
            for document in documents[folder] ?? [] {
                for call in TerraformModuleCall.calls(in: document) {
                    let target = call.target(from: folder, modules: folders)
                    switch target {
                    case .module(let child):
                        called.insert(child)
                        callingFiles.insert(call.place.file)
                    case .unread(let reason):
                        diagnostics.append(Diagnostic(.note, file: call.place.file, at: call.place.span.start,
                                                      "module \"\(call.name)\" \(reason); what it creates is not judged"))
                    }
                    calls[folder, default: []].append((call, target))
                }
            }
        }
        self.calls = calls
        self.diagnostics = diagnostics
        // Roots: modules no other calls. Modules that only call each other (a cycle) have
        // none, so what the walk from the roots leaves unreached is a root too: never unread.
        var roots = order.filter { !called.contains($0) }
        var reached: Set<String> = []
        func reach(_ folder: String) {
            guard reached.insert(folder).inserted else { return }
            for case .module(let child) in (calls[folder] ?? []).map(\.target) { reach(child) }
        }
        roots.forEach(reach)
        for folder in order where !reached.contains(folder) {
            roots.append(folder)
            reach(folder)
        }
        for root in roots { expand(root, call: TerraformModule.Call(), sites: [], stack: [root]) }
    }

    private mutating func expand(_ folder: String, call: TerraformModule.Call, sites: [CallSite], stack: [String]) {
        if let site = sites.last {
            guard calledInstances < Self.maxInstances else {
                if !stoppedAtLimit {
                    diagnostics.append(Diagnostic(.warning, file: site.place.file, at: site.place.span.start,
                                                  "\(site.address) and the module calls after it are not evaluated: the scan's Terraform makes more than \(Self.maxInstances) module instances; what they create is not judged"))
                }
                stoppedAtLimit = true
                return
            }
            calledInstances += 1
        }
        let documents = (documents[folder] ?? []).map { $0.reading(in: call.environment) }
        let targets = (calls[folder] ?? []).map(\.target)
        // The calls as this instance reads them, in its environment: the same blocks, in
        // the same order, as the folder's calls.
        let ownCalls = documents.flatMap(TerraformModuleCall.calls)
        var module = call
        module.evaluatedCalls = Set(zip(ownCalls, targets).filter { Self.isModule($0.1) }.map(\.0.name))
        let built = TerraformModule(documents: documents, now: now, call: module)
        instances.append(Instance(module: built, documents: documents, calls: sites))
        for (site, target) in zip(ownCalls, targets) {
            guard case .module(let child) = target else { continue }
            if stack.contains(child) {
                diagnostics.append(Diagnostic(.warning, file: site.place.file, at: site.place.span.start,
                                              "module \"\(site.name)\" calls \(child), which leads back through \(stack.joined(separator: " → ")): that call is not followed"))
                continue
            }
            guard stack.count <= Self.maxDepth else {
                diagnostics.append(Diagnostic(.warning, file: site.place.file, at: site.place.span.start,
                                              "module \"\(site.name)\" is nested past \(Self.maxDepth) levels of module calls: it is not evaluated, and what it creates is not judged"))
                continue
            }
            let environment = Environment.of(site.place).name
            for (address, inputs) in built.instances(of: site) {
                let next = TerraformModule.Call(address: "\(call.address)\(address).", inputs: inputs, environment: environment.isEmpty ? nil : environment)
                expand(child, call: next, sites: sites + [CallSite(address: call.address + address, place: site.place)], stack: stack + [child])
            }
        }
    }

    private static func isModule(_ target: TerraformModuleCall.Target) -> Bool {
        if case .module = target { return true }
        return false
    }
}

extension TerraformModule {
    /// The instances a call of this module makes, each with its address (`module.app`, or
    /// `module.app["blue"]` with a known `for_each`) and its inputs evaluated here. None
    /// when its `count` or `for_each` is known to make none; a `count` is one instance
    /// (its copies differ by `count.index` only, which stays unknown).
    func instances(of call: TerraformModuleCall) -> [(address: String, inputs: [String: Node?])] {
        guard !scope.declaresNoInstance(call.body) else { return [] }
        let address = "module.\(call.name)"
        guard call.body["for_each"] != nil, let elements = scope.instances(of: call.body) else {
            return [(address, scope.inputs(of: call.body))]
        }
        return elements.map { key, element in
            var inner = scope
            inner.iterators["each"] = (key, element)
            return ("\(address)[\"\(key)\"]", inner.inputs(of: call.body))
        }
    }
}
