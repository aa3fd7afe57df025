import FoundationEssentials
import IdlintSyntax

/// The `.tf` files of one directory, which Terraform reads together as one module: a
/// reference in one file (`data.aws_iam_policy_document.ci.json`, `var.admin_role`)
/// may name what another defines. Built once from all of them, then asked for the
/// identity objects of each file, which is safe from several threads at once.
///
/// Each `resource "type" "name" { ... }` block is read as a plan's resource is, its
/// attributes evaluated as far as the module's literals allow, so the same rules find
/// the same risks in either form. Expressions that need state stay unknown and never
/// produce a finding on their own.
public struct TerraformModule: Sendable {
    let scope: TerraformScope
    /// The module's address when another calls it (`module.app.`), written before its
    /// resources' addresses so that two calls are two sets of objects; empty for a root.
    let address: String
    /// Roles and users of the whole module by address and by name, for the policies
    /// that name them from other blocks or files.
    private let identities: [String: Node]
    /// Policy document data sources that no resource of the module reads (passed to a
    /// child module, say): judged on their own, so their risk is not lost.
    private let unconsumedPolicyDocuments: Set<String>
    /// `google_iam_policy` data sources that no resource's `policy_data` and no module
    /// call uses: judged on their own.
    private let unusedGCPPolicies: Set<String>
    /// Keycloak realms declared in the module, by realm name, for clients that name
    /// their realm by a literal.
    private let realmsByName: [String: String]
    /// The moment of `apply` in the scan's clock: when a password without a start begins.
    private let now: Date

    /// A root module: `documents` are its `.tf` files, its variables take their defaults.
    public init(documents: [Document], now: Date) {
        self.init(documents: documents, now: now, call: Call())
    }

    /// How a module is called: its address, its inputs evaluated in the caller (see
    /// `TerraformScope.inputs(of:)`), the environment of the root that calls it, and the
    /// names of its own module calls that are evaluated (their targets are scanned
    /// modules), whose inputs consume the policy documents they name.
    struct Call {
        var address = ""
        var inputs: [String: Node?] = [:]
        var environment: String?
        var evaluatedCalls: Set<String> = []
    }

    init(documents: [Document], now: Date, call: Call) {
        self.now = now
        address = call.address
        var scope = TerraformScope()
        scope.environment = call.environment
        for document in documents { scope.index(document) }
        scope.bind(call.inputs)
        var blocks: [String: Node] = [:]
        for document in documents {
            for block in TerraformScope.blocks("data", in: document) where block.type == "aws_iam_policy_document" && !scope.declaresNoInstance(block.body) {
                blocks[block.name] = block.body
            }
        }
        Self.render(blocks, into: &scope)
        var gcpPolicyBlocks: [String: Node] = [:]
        for document in documents {
            for block in TerraformScope.blocks("data", in: document) where block.type == GCPPolicyDataSource.type && !scope.declaresNoInstance(block.body) {
                gcpPolicyBlocks[block.name] = block.body
            }
        }
        for (name, body) in gcpPolicyBlocks {
            scope.gcpPolicies[name] = GCPPolicyDataSource.render(body, scope: scope)
        }
        self.scope = scope
        let resources = documents.flatMap(Self.resourceBlocks).filter { !scope.declaresNoInstance($0.source) }
        var identities: [String: Node] = [:]
        var consumed: Set<String> = []
        var realmsByName: [String: String] = [:]
        for resource in resources {
            if resource.type == "keycloak_realm", let name = resource.values["realm"].map(scope.evaluated), name.isScalar, !name.isUnevaluated {
                realmsByName[name.text] = resource.address
            }
            if resource.type == "aws_iam_role" || resource.type == "aws_iam_user" {
                let values = scope.evaluated(resource.values)
                identities[resource.address] = values
                if let name = values["name"], name.isScalar, !name.isNull, !name.isUnevaluated {
                    identities[resource.type + "/" + name.text] = values
                }
            }
            // Only a policy attribute idlint reads judges the document there; a document
            // given to any other resource (an OpenSearch domain's access_policies) is
            // judged on its own, not dropped.
            let read = resource.type == "aws_organizations_policy" ? ["content"] : TerraformPlanRecognizer.policyAttributes[resource.type] ?? []
            for attribute in read {
                for value in resource.values.values(attribute) { Self.policyDocumentReferences(in: value, into: &consumed, depth: 0) }
            }
        }
        // A document merged into another (source_policy_documents) is judged there, one
        // passed to a module that is evaluated where that module uses it.
        for body in blocks.values { Self.policyDocumentReferences(in: body, into: &consumed, depth: 0) }
        for document in documents {
            for module in TerraformModuleCall.calls(in: document) where call.evaluatedCalls.contains(module.name) {
                Self.policyDocumentReferences(in: module.body, into: &consumed, depth: 0)
            }
        }
        self.identities = identities
        self.realmsByName = realmsByName
        unconsumedPolicyDocuments = Set(blocks.keys).subtracting(consumed)
        // A google_iam_policy that no resource's policy_data uses is judged on its own.
        var usedGCPPolicies: Set<String> = []
        for resource in resources {
            for value in resource.values.values("policy_data") { GCPPolicyDataSource.references(in: value, into: &usedGCPPolicies) }
        }
        for document in documents {
            for module in TerraformModuleCall.calls(in: document) { GCPPolicyDataSource.references(in: module.body, into: &usedGCPPolicies) }
        }
        unusedGCPPolicies = Set(gcpPolicyBlocks.keys).subtracting(usedGCPPolicies)
    }

    /// The documents of each directory, in the order given.
    public static func modules(of documents: [Document]) -> [[Document]] {
        var order: [String] = []
        var byDirectory: [String: [Document]] = [:]
        for document in documents {
            let directory = directory(of: document.file)
            if byDirectory[directory] == nil { order.append(directory) }
            byDirectory[directory, default: []].append(document)
        }
        return order.map { byDirectory[$0]! }
    }

    /// The module a file belongs to: its directory.
    public static func directory(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    }

    /// The identity objects one file of the module defines; a policy written as JSON text
    /// that does not parse adds an input error to `problems`.
    public func objects(in document: Document, problems: inout [Diagnostic]) -> [RecognizedObject] {
        guard document.syntax == .hcl else { return [] }
        // Each resource evaluated once (an instance of a known for_each already is; a role
        // or user was, for the identities): dynamic blocks expanded, known references
        // filled in. The cloud IAM reading takes the values; the identity-provider and
        // Kubernetes resources are written out in their native form from them.
        var resources: [TerraformPlanRecognizer.Resource] = []
        var native: [TerraformPlanRecognizer.Resource] = []
        for block in Self.resourceBlocks(document) where !scope.declaresNoInstance(block.source) {
            for var resource in evaluatedInstances(block) {
                if KubernetesResources.handles(resource.type) || KeycloakResources.handles(resource.type) || AzureADResources.handles(resource.type) {
                    resource.source = resource.values
                    native.append(resource)
                } else {
                    resource.address = address + resource.address
                    resources.append(resource)
                }
            }
        }
        var objects = TerraformPlanRecognizer.objects(of: resources, identities: identities) { scope.policyTree($0, problems: &problems) }
        for resource in native where KubernetesResources.handles(resource.type) {
            objects += KubernetesResources.objects(type: resource.type, body: resource.source, scope: scope)
        }
        objects += KeycloakResources.objects(of: native.filter { KeycloakResources.handles($0.type) }, scope: scope, realmsByName: realmsByName)
        objects += AzureADResources.objects(of: native.filter { AzureADResources.handles($0.type) }, scope: scope, now: now)
        for block in TerraformScope.blocks("data", in: document) where block.type == GCPPolicyDataSource.type && unusedGCPPolicies.contains(block.name) {
            if let rendered = scope.gcpPolicies[block.name], rendered["bindings"] != nil {
                objects.append(RecognizedObject(kind: .gcpPolicy, node: rendered, platform: .gcp, name: "\(address)data.\(GCPPolicyDataSource.type).\(block.name)"))
            }
        }
        for block in TerraformScope.blocks("data", in: document) where block.type == "aws_iam_policy_document" && unconsumedPolicyDocuments.contains(block.name) {
            if let rendered = scope.policyDocuments[block.name], let object = AWSPolicyRecognizer.policy(rendered, name: "\(address)data.aws_iam_policy_document.\(block.name)") {
                objects.append(object)
            }
        }
        return objects
    }

    /// A resource with its values evaluated; with `for_each` over a collection the module
    /// knows, each of its instances (`each.key` and `each.value` bound).
    private func evaluatedInstances(_ resource: TerraformPlanRecognizer.Resource) -> [TerraformPlanRecognizer.Resource] {
        guard resource.source["for_each"] != nil, let elements = scope.instances(of: resource.source) else {
            var resource = resource
            resource.values = identities[resource.address] ?? scope.evaluated(resource.source)
            return [resource]
        }
        return elements.map { key, element in
            var inner = scope
            inner.iterators["each"] = (key, element)
            var instance = resource
            instance.address = "\(resource.address)[\"\(key)\"]"
            instance.source = inner.evaluated(resource.source)
            instance.values = instance.source
            return instance
        }
    }

    // MARK: - Building

    private static func resourceBlocks(_ document: Document) -> [TerraformPlanRecognizer.Resource] {
        TerraformScope.blocks("resource", in: document).map { .init(type: $0.type, address: "\($0.type).\($0.name)", values: $0.body, node: $0.body) }
    }

    /// Renders the policy documents, those that merge others (`source_policy_documents`)
    /// after what they merge; a cycle is rendered without its unresolved part.
    private static func render(_ blocks: [String: Node], into scope: inout TerraformScope) {
        var pending = blocks
        while !pending.isEmpty {
            let ready = pending.filter { _, body in
                var needed: Set<String> = []
                for key in ["source_policy_documents", "override_policy_documents"] {
                    if let list = body[key] { policyDocumentReferences(in: list, into: &needed, depth: 0) }
                }
                return needed.allSatisfy { scope.policyDocuments[$0] != nil || blocks[$0] == nil }
            }
            for (name, body) in (ready.isEmpty ? pending : ready).sorted(by: { $0.key < $1.key }) {
                scope.policyDocuments[name] = PolicyDocumentRenderer.render(scope.evaluated(body), written: body, scope: scope)
                pending[name] = nil
            }
        }
    }

    /// Names of policy document data sources referred to anywhere in `node`.
    private static func policyDocumentReferences(in node: Node, into names: inout Set<String>, depth: Int) {
        guard depth < 64 else { return }
        switch node.kind {
        case .scalar:
            guard node.isUnevaluated else { return }
            let text = node.text
            // Most expressions are not these: a cheap test before the search.
            guard text.utf8.count > 29, text.hasPrefix("data.aws_iam_policy_document.") || text.utf8.contains(UInt8(ascii: "$")) || text.utf8.contains(UInt8(ascii: "(")) || text.utf8.contains(UInt8(ascii: "[")) else { return }
            var rest = Substring(text)
            while let range = rest.firstRange(of: "data.aws_iam_policy_document.") {
                let name = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                names.insert(String(name))
                rest = rest[range.upperBound...]
            }
        case .sequence:
            node.forEachElement { policyDocumentReferences(in: $0, into: &names, depth: depth + 1); return true }
        case .mapping:
            node.forEachEntry { policyDocumentReferences(in: $1, into: &names, depth: depth + 1); return true }
        }
    }
}
