import IdlintSyntax

/// Google Cloud: an IAM policy as `getIamPolicy` returns it (`bindings` of `role` and
/// `members`), as Cloud Asset Inventory lists it (`GCPAssetInventory`) or Deployment
/// Manager sets it on a resource (`GCPDeploymentManager`), and
/// service-account key files (`type: service_account` with a private key).
public struct GCPRecognizer: DocumentRecognizer {
    public static let producedKinds: [DocumentKind] = [.gcpPolicy, .gcpServiceAccountKey, .gcpLegacyACL]

    public init() {}

    public func recognize(_ document: Document, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        let root = document.root
        if let inventory = GCPAssetInventory.policies(in: root) { return inventory }
        if let deployment = GCPDeploymentManager.policies(in: root) { return deployment }
        guard root.isMapping else { return nil }
        if root.string("type") == "service_account", root["private_key"] != nil {
            return [RecognizedObject(kind: .gcpServiceAccountKey, node: root, platform: .gcp, name: root.string("client_email") ?? document.fileStem)]
        }
        guard let bindings = root["bindings"], bindings.isSequence,
              bindings.elements.contains(where: { $0["role"] != nil && $0["members"] != nil }) else { return nil }
        return [RecognizedObject(kind: .gcpPolicy, node: root, platform: .gcp, name: document.fileStem)]
    }
}
