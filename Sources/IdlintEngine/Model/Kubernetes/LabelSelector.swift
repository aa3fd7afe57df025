import IdlintSyntax

/// A Kubernetes label selector: `matchLabels` and `matchExpressions`. An empty selector
/// selects everything, as the API server reads it.
public struct LabelSelector: Sendable {
    public enum Operator: String, Sendable {
        case `in` = "In", notIn = "NotIn", exists = "Exists", doesNotExist = "DoesNotExist"
    }

    public var matchLabels: TextPairs
    public var expressions: [(key: String, operator: Operator, values: [String])]
    /// An expression with an operator idlint does not know: matched as selecting nothing.
    public var isUnreadable: Bool

    public func matches(_ labels: TextPairs) -> Bool {
        guard !isUnreadable else { return false }
        for (key, value) in matchLabels where labels[key] != value { return false }
        for expression in expressions {
            let value = labels[expression.key]
            switch expression.operator {
            case .in: if value.map({ !expression.values.contains($0) }) ?? true { return false }
            case .notIn: if let value, expression.values.contains(value) { return false }
            case .exists: if value == nil { return false }
            case .doesNotExist: if value != nil { return false }
            }
        }
        return true
    }

    static func parse(_ node: Node) -> LabelSelector {
        var expressions: [(String, Operator, [String])] = []
        var unreadable = false
        node["matchExpressions"]?.forEachElement { expression in
            guard let key = expression.string("key"), let text = expression.string("operator"), let op = Operator(rawValue: text) else {
                unreadable = true
                return true
            }
            expressions.append((key, op, (expression["values"]?.elements ?? []).filter(\.isScalar).map(\.text)))
            return true
        }
        return LabelSelector(matchLabels: KubernetesAdapter.stringMap(node["matchLabels"]), expressions: expressions, isUnreadable: unreadable)
    }
}
