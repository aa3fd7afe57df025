import IdlintSyntax

/// Cloud Asset Inventory's IAM policies: `gcloud asset search-all-iam-policies
/// --format=json` (a list of `{resource, project, policy: {bindings}}`, or the REST
/// response's `results`), and `gcloud asset export --content-type=iam-policy` or `asset
/// list` (assets of `{name, asset_type, iam_policy: {bindings}}`, one a line or in a
/// list; the REST form spells it `iamPolicy`). Each policy is read as a
/// `getIamPolicy` one, named by the resource it is set on, which it keeps as its owner.
enum GCPAssetInventory {
    static func policies(in root: Node) -> [RecognizedObject]? {
        let entries: [Node] = if root.isSequence {
            root.elements
        } else if let results = root["results"], results.isSequence {
            results.elements
        } else {
            [root]
        }
        let policies = entries.compactMap(policy)
        return policies.isEmpty ? nil : policies
    }

    /// One search result or asset: its policy, when it holds bindings.
    private static func policy(_ entry: Node) -> RecognizedObject? {
        guard entry.isMapping else { return nil }
        let found: (policy: Node, resource: Node?)? = if let policy = entry["policy"], entry["resource"] != nil {
            (policy, entry["resource"])
        } else if let policy = entry["iam_policy"] ?? entry["iamPolicy"], entry["name"] != nil {
            (policy, entry["name"])
        } else {
            nil
        }
        guard let found, let bindings = found.policy["bindings"], bindings.isSequence,
              bindings.elements.contains(where: { $0["role"] != nil && $0["members"] != nil }) else { return nil }
        var object = RecognizedObject(kind: .gcpPolicy, node: found.policy, platform: .gcp, name: found.resource?.text)
        object.owner = entry
        return object
    }

    /// The service account a policy is set on, when the asset is one
    /// (`//iam.googleapis.com/projects/p/serviceAccounts/x@p.iam.gserviceaccount.com`):
    /// its bindings reach that account only.
    static func serviceAccount(of asset: Node?) -> Node? {
        guard let asset, let resource = asset["resource"] ?? asset["name"], resource.isScalar,
              resource.text.hasPrefix("//iam.googleapis.com/"), resource.text.contains("/serviceAccounts/") else { return nil }
        return resource
    }
}
