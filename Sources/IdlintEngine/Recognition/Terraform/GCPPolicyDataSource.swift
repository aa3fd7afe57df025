import IdlintSyntax

/// `data "google_iam_policy"`: the policy its `binding` blocks render, as the
/// `policy_data` of a `google_*_iam_policy` resource that uses it reads it. Written out
/// as the `getIamPolicy` form the GCP rules already judge (`bindings` of `role`,
/// `members` and `condition`), each value at the place the block writes it.
enum GCPPolicyDataSource {
    static let type = "google_iam_policy"

    private static let fields: [NativeField] = [
        .blocks("binding", as: "bindings", [
            .attribute("role", as: "role"),
            .attribute("members", as: "members"),
            .block("condition", as: "condition", [.attribute("title", as: "title"), .attribute("expression", as: "expression")]),
        ]),
    ]

    /// The rendered policy of one data block; nil when it cannot be composed.
    static func render(_ body: Node, scope: TerraformScope) -> Node? {
        NativeWriter(scope: scope).document(fields, from: body)
    }

    /// Names of the data sources `node` refers to (`data.google_iam_policy.admin.policy_data`).
    static func references(in node: Node, into names: inout Set<String>, depth: Int = 0) {
        guard depth < 64 else { return }
        switch node.kind {
        case .scalar:
            guard node.isUnevaluated else { return }
            var rest = Substring(node.text)
            while let range = rest.firstRange(of: "data.\(type).") {
                rest = rest[range.upperBound...]
                names.insert(String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }))
            }
        case .sequence:
            node.forEachElement { references(in: $0, into: &names, depth: depth + 1); return true }
        case .mapping:
            node.forEachEntry { references(in: $1, into: &names, depth: depth + 1); return true }
        }
    }
}
