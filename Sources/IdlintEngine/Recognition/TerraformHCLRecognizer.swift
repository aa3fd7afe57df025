import IdlintSyntax

/// Terraform written in HCL (`.tf`): each `resource "type" "name" { ... }` block is read
/// as a plan's resource is, its attributes standing for the plan's values, so the same
/// rules find the same risks in either form. Attributes that need evaluation
/// (references, interpolations) stay symbolic and never produce a finding on their own.
public struct TerraformHCLRecognizer: DocumentRecognizer {
    public init() {}

    public func recognize(_ document: Document) -> [RecognizedObject]? {
        guard document.syntax == .hcl else { return nil }
        var resources: [(type: String, address: String, body: Node)] = []
        for byType in document.root.values("resource") where byType.isMapping {
            byType.forEachEntry { typeKey, byName in
                byName.forEachEntry { nameKey, body in
                    if body.isMapping { resources.append((typeKey.text, "\(typeKey.text).\(nameKey.text)", body)) }
                    return true
                }
                return true
            }
        }
        // Roles and users by literal name and by address, for the policies that name them.
        var identities: [String: Node] = [:]
        for resource in resources where resource.type == "aws_iam_role" || resource.type == "aws_iam_user" {
            identities[resource.address] = resource.body
            if let name = resource.body["name"], name.isScalar, name.tag != hclExpressionTag { identities[resource.type + "/" + name.text] = resource.body }
        }
        var objects: [RecognizedObject] = []
        for resource in resources {
            TerraformPlanRecognizer.collect(type: resource.type, address: resource.address, values: resource.body, resource: resource.body,
                                            identities: identities, into: &objects)
        }
        return objects
    }
}
