import IdlintSyntax

/// Azure: custom role definitions as the CLI writes them (`Actions`, `AssignableScopes`)
/// or as the REST API and ARM write them (`properties.permissions`), and the role
/// definitions and role assignments inside ARM templates (parameters resolved to their
/// defaults or a parameter file's values, variables resolved, nested deployments'
/// templates included: `ARMTemplate`, `ARMParameterFiles`).
public struct AzureRecognizer: DocumentRecognizer {
    public static let producedKinds: [DocumentKind] = [.azureRoleDefinition, .azureRoleAssignment, .azureRoleEligibility]

    public init() {}

    public func recognize(_ document: Document, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        let root = document.root
        // `az role definition list` writes a list of role definitions.
        if root.isSequence {
            var objects: [RecognizedObject] = []
            root.forEachElement { element in
                if let definition = Self.restRoleDefinition(element, document) { objects.append(definition) }
                return objects.count == 0 ? element.isMapping : true
            }
            return objects.isEmpty ? nil : objects
        }
        guard root.isMapping else { return nil }
        if Self.isTemplate(root) { return Self.templateObjects(document, given: [:], problems: &problems) }
        // An Azure Blueprint's template artifact: the ARM template under
        // `properties.template`, read as if it stood alone.
        if root.string("kind") == "template", let template = root["properties"]?["template"], Self.isTemplate(template) {
            return Self.templateObjects(document, template: template, given: [:], problems: &problems)
        }
        if root["AssignableScopes"] != nil, root["Actions"] != nil || root["DataActions"] != nil {
            return [RecognizedObject(kind: .azureRoleDefinition, node: root, platform: .azure, name: root.string("Name") ?? document.fileStem)]
        }
        if let definition = Self.restRoleDefinition(root, document) { return [definition] }
        return nil
    }

    /// An ARM template with parameter files is read once per file, each as an environment
    /// of its own named after the file (within the configured one, if any).
    public func recognize(_ document: Document, companions: CompanionFiles, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        let parameterFiles = companions.armParameters.files(forTemplate: document.file)
        guard !parameterFiles.isEmpty, Self.isTemplate(document.root) else { return recognize(document, problems: &problems) }
        var objects: [RecognizedObject] = []
        for paired in parameterFiles {
            let environment = document.environment.map { "\($0)/\(paired.environment)" } ?? paired.environment
            objects += Self.templateObjects(document.reading(in: environment), given: paired.values, problems: &problems)
        }
        return objects
    }

    /// An ARM deployment template: a `$schema` that says so, and resources.
    static func isTemplate(_ root: Node) -> Bool {
        guard root.isMapping, let resources = root["resources"], resources.isSequence else { return false }
        return root.string("$schema")?.lowercased().contains("deploymenttemplate") == true
    }

    /// The role definitions and assignments of an ARM template, its nested deployments'
    /// included, read with the values a parameter file gives (`given`, see
    /// `ARMParameterFiles`) or, without one, with the parameters' defaults.
    static func templateObjects(_ document: Document, template root: Node? = nil, given: [String: Node], problems: inout [Diagnostic]) -> [RecognizedObject] {
        var objects: [RecognizedObject] = []
        for template in ARMTemplate.templates(of: root ?? document.root, given: given, problems: &problems) {
            for resource in template["resources"]?.elements ?? [] {
                let name = resource.string("name") ?? document.fileStem
                switch resource.string("type")?.lowercased() {
                case "microsoft.authorization/roledefinitions":
                    if let properties = resource["properties"] {
                        objects.append(RecognizedObject(kind: .azureRoleDefinition, node: properties, platform: .azure, name: properties.string("roleName") ?? name))
                    }
                case "microsoft.authorization/roleassignments", "microsoft.authorization/roleassignmentschedulerequests":
                    // A PIM active assignment is held as a plain one is, until its schedule ends.
                    objects.append(RecognizedObject(kind: .azureRoleAssignment, node: resource, platform: .azure, name: name))
                case "microsoft.authorization/roleeligibilityschedulerequests":
                    objects.append(RecognizedObject(kind: .azureRoleEligibility, node: resource, platform: .azure, name: name))
                default:
                    break
                }
            }
        }
        return objects
    }

    /// The REST form: under `properties`, or flat at the top as `az role definition
    /// show` writes it.
    private static func restRoleDefinition(_ node: Node, _ document: Document) -> RecognizedObject? {
        guard node.isMapping else { return nil }
        let definition = node["properties"] ?? node
        guard definition.isMapping, definition["permissions"] != nil, definition["assignableScopes"] != nil else { return nil }
        return RecognizedObject(kind: .azureRoleDefinition, node: definition, platform: .azure, name: definition.string("roleName") ?? document.fileStem)
    }
}
