import IdlintSyntax

/// An AWS IAM policy document: a mapping with a `Statement` (one statement or a list)
/// and a `Version` or statements that have an `Effect`. A statement with a `Principal`
/// that allows assuming a role makes it a trust policy.
public struct AWSPolicyRecognizer: DocumentRecognizer {
    public static let producedKinds: [DocumentKind] = [.awsPolicy, .awsTrustPolicy]

    public init() {}

    public func recognize(_ document: Document, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        Self.policy(document.root, name: document.fileStem).map { [$0] }
    }

    /// A policy document wherever it sits (a file of its own, a CloudFormation property,
    /// a string in a Terraform plan), or nil when the node is not one. `mayBeTrust` is
    /// false where the place says what the document is: a user's, group's or policy
    /// resource's document is an identity or resource policy, never a role's trust, even
    /// when a statement of it names a Principal and sts:AssumeRole.
    static func policy(_ root: Node, name: @autoclosure () -> String, requireVersion: Bool = false, mayBeTrust: Bool = true) -> RecognizedObject? {
        guard root.isMapping, let statements = root["Statement"], statements.isMapping || statements.isSequence else { return nil }
        let list = statements.isSequence ? statements.elements : [statements]
        guard root["Version"] != nil || (!requireVersion && list.contains(where: { $0["Effect"] != nil })) else { return nil }
        let isTrust = mayBeTrust && list.contains { statement in
            statement["Principal"] != nil && (statement["Action"]?.scalarItems ?? []).contains { $0.text.lowercased().hasPrefix("sts:assumerole") }
        }
        return RecognizedObject(kind: isTrust ? .awsTrustPolicy : .awsPolicy, node: root, platform: .aws, name: name())
    }
}
