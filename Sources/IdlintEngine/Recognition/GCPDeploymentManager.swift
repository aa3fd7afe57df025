import IdlintSyntax

/// Deployment Manager configurations (a YAML `resources:` list of `{name, type,
/// properties}`): the IAM policy a resource sets on itself under
/// `accessControl.gcpIamPolicy`, and a `setIamPolicy` call's `properties.policy`. Each is
/// read as a `getIamPolicy` policy named by the resource, which it keeps as its owner. A
/// bucket's `acl`/`defaultObjectAcl` and a dataset's `access` list are `gcp.legacy-acl`.
/// `iamMemberBinding` virtual types (one member, one role in properties) are not read.
enum GCPDeploymentManager {
    static func policies(in root: Node) -> [RecognizedObject]? {
        guard root.isMapping, let resources = root["resources"], resources.isSequence,
              resources.elements.contains(where: isResource) else { return nil }
        var policies: [RecognizedObject] = []
        for resource in resources.elements where isResource(resource) {
            for policy in [resource["accessControl"]?["gcpIamPolicy"], resource["properties"]?["policy"]] {
                guard let policy, let bindings = policy["bindings"], bindings.isSequence,
                      bindings.elements.contains(where: { $0["role"] != nil && $0["members"] != nil }) else { continue }
                let name = resource.string("name") ?? "resource"
                var object = RecognizedObject(kind: .gcpPolicy, node: policy, platform: .gcp, name: "\(name) (\(resource.string("type") ?? resource.string("action") ?? "?"))")
                object.owner = resource
                policies.append(object)
            }
            // A bucket's or dataset's ACL in its properties, beside IAM.
            if let properties = resource["properties"], ["acl", "defaultObjectAcl", "access"].contains(where: { properties[$0]?.isSequence == true }) {
                var object = RecognizedObject(kind: .gcpLegacyACL, node: properties, platform: .gcp, name: resource.string("name") ?? "resource")
                object.owner = resource
                policies.append(object)
            }
        }
        return policies.isEmpty ? nil : policies
    }

    /// A Deployment Manager resource: a name and a type of a Google API
    /// (`storage.v1.bucket`, `gcp-types/pubsub-v1:projects.topics`) or an action.
    private static func isResource(_ node: Node) -> Bool {
        guard node.isMapping, node.string("name") != nil else { return false }
        guard let type = node.string("type") ?? node.string("action") else { return false }
        return type.hasPrefix("gcp-types/") || type.contains(".v1") || type.contains(".v2") || type.contains(".beta")
    }
}
