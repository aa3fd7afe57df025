import IdlintSyntax

/// The predicate part of the rule language, evaluated against a candidate (a node and
/// the mapping key it sits under). `{path: P, <test>}` holds when some node at P passes
/// the test; a path starting with `$` starts at the object's root instead of the
/// candidate; `exists: false` holds when P selects nothing. `all`, `any` and `not`
/// combine conditions.
public indirect enum Condition: Sendable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case test(path: NodePath, NodeTest)

    public func holds(at candidate: NodePath.Match, root: Node) -> Bool {
        switch self {
        case .all(let conditions): return conditions.allSatisfy { $0.holds(at: candidate, root: root) }
        case .any(let conditions): return conditions.contains { $0.holds(at: candidate, root: root) }
        case .not(let condition): return !condition.holds(at: candidate, root: root)
        case .test(let path, let test):
            let start = path.startsAtRoot ? NodePath.Match(node: root, key: nil) : candidate
            if case .exists(let expected) = test {
                return (path.first(from: start) != nil) == expected
            }
            // forEach returns false when the walk stopped at a passing node.
            return !path.forEach(from: start) { !test.passes($0) }
        }
    }
}

/// A test of one node.
public enum NodeTest: Sendable {
    /// Scalar text equals one of the values.
    case equals([String])
    /// Scalar text matches one of the globs (case-sensitive).
    case glob([GlobPattern])
    case exists(Bool)
    case shape(NodeShape)
    /// A mapping with a key matching one of the globs (IAM condition keys, annotations).
    case keyGlob([GlobPattern])
    /// The node's own mapping key matches one of the globs (`env` entries named *TOKEN*).
    case nameGlob([GlobPattern])
}

public enum NodeShape: String, Sendable, CaseIterable {
    case scalar, mapping, sequence, null, `true`, `false`, empty
}

extension NodeTest {
    func passes(_ match: NodePath.Match) -> Bool {
        let node = match.node
        switch self {
        case .equals(let values):
            return node.isScalar && values.contains { node.textEquals($0) }
        case .glob(let globs):
            guard node.isScalar else { return false }
            let text = node.text
            return globs.contains { $0.matches(text) }
        case .exists(let expected):
            return expected
        case .nameGlob(let globs):
            guard let key = match.key, key.isScalar else { return false }
            let name = key.text
            return globs.contains { $0.matches(name) }
        case .keyGlob(let globs):
            var found = false
            node.forEachEntry { key, _ in
                if key.isScalar, globs.contains(where: { $0.matches(key.text) }) { found = true }
                return !found
            }
            return found
        case .shape(let shape):
            switch shape {
            case .scalar: return node.isScalar
            case .mapping: return node.isMapping
            case .sequence: return node.isSequence
            case .null: return node.isNull
            case .true: return node.boolValue == true
            case .false: return node.boolValue == false
            case .empty: return node.isNull || (node.isScalar && node.text.isEmpty) || (!node.isScalar && node.count == 0)
            }
        }
    }
}
