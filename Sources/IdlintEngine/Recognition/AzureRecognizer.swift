import IdlintSyntax

/// Azure: custom role definitions as the CLI writes them (`Actions`, `AssignableScopes`)
/// or as the REST API and ARM write them (`properties.permissions`), and the role
/// definitions and role assignments inside ARM templates.
public struct AzureRecognizer: DocumentRecognizer {
    public init() {}

    public func recognize(_ document: Document) -> [RecognizedObject]? {
        let root = document.root
        guard root.isMapping else { return nil }
        if let resources = root["resources"], resources.isSequence, root.string("$schema")?.lowercased().contains("deploymenttemplate") == true {
            var objects: [RecognizedObject] = []
            resources.forEachElement { resource in
                let name = resource.string("name") ?? document.fileStem
                switch resource.string("type")?.lowercased() {
                case "microsoft.authorization/roledefinitions":
                    if let properties = resource["properties"] {
                        objects.append(RecognizedObject(kind: "azure.role-definition", node: properties, platform: .azure, name: properties.string("roleName") ?? name))
                    }
                case "microsoft.authorization/roleassignments":
                    objects.append(RecognizedObject(kind: "azure.role-assignment", node: resource, platform: .azure, name: name))
                default:
                    break
                }
                return true
            }
            return objects
        }
        if root["AssignableScopes"] != nil, root["Actions"] != nil || root["DataActions"] != nil {
            return [RecognizedObject(kind: "azure.role-definition", node: root, platform: .azure, name: root.string("Name") ?? document.fileStem)]
        }
        if let properties = root["properties"], properties["permissions"] != nil, properties["assignableScopes"] != nil {
            return [RecognizedObject(kind: "azure.role-definition", node: properties, platform: .azure, name: properties.string("roleName") ?? document.fileStem)]
        }
        return nil
    }
}
