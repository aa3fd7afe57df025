import IdlintSyntax

/// Terraform written in HCL (`.tf`): each `resource "type" "name" { ... }` block is read
/// as a plan's resource is, its attributes standing for the plan's values, so the same
/// rules find the same risks in either form. Attributes that need evaluation
/// (references, interpolations) stay symbolic and never produce a finding on their own.
public struct TerraformHCLRecognizer: DocumentRecognizer {
    public init() {}

    public func recognize(_ document: Document) -> [RecognizedObject]? {
        guard document.syntax == .hcl else { return nil }
        var resources: [TerraformPlanRecognizer.Resource] = []
        for byType in document.root.values("resource") where byType.isMapping {
            byType.forEachEntry { typeKey, byName in
                byName.forEachEntry { nameKey, body in
                    if body.isMapping { resources.append(.init(type: typeKey.text, address: "\(typeKey.text).\(nameKey.text)", values: body, node: body)) }
                    return true
                }
                return true
            }
        }
        return TerraformPlanRecognizer.objects(of: resources)
    }
}
