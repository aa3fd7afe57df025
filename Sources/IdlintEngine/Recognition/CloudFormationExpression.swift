import IdlintSyntax

/// A CloudFormation intrinsic function as a reader would write it (`!ImportValue
/// ci-stack-RoleName`, `Fn::GetAtt [Deploy, Arn]`): the name of a value idlint cannot
/// evaluate, so that what it stands for is still named, and a change to it still seen.
enum CloudFormationExpression {
    /// The longest text a name takes from an expression; the rest is elided.
    static let maxLength = 160

    static func text(of node: Node) -> String {
        let text = written(node, depth: 0)
        return text.count > maxLength ? String(text.prefix(maxLength)) + "…" : text
    }

    private static func written(_ node: Node, depth: Int) -> String {
        guard depth < 8 else { return "…" }
        let tag = node.tag.map { $0 + " " } ?? ""
        switch node.kind {
        case .scalar:
            return tag + node.text
        case .sequence:
            return tag + "[" + node.elements.map { written($0, depth: depth + 1) }.joined(separator: ", ") + "]"
        case .mapping:
            // `{"Fn::ImportValue": "x"}` reads as `Fn::ImportValue x`.
            if node.entries.count == 1, let (key, value) = node.entries.first {
                return tag + key.text + " " + written(value, depth: depth + 1)
            }
            return tag + "{" + node.entries.map { "\($0.key.text): \(written($0.value, depth: depth + 1))" }.joined(separator: ", ") + "}"
        }
    }
}
