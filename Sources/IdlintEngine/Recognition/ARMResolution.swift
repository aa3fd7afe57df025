import IdlintSyntax

/// The bounds on resolving one ARM template's references, and the errors of what they
/// left unresolved. A template is hostile input: variables that each `concat` the one
/// before twice double the text per step, and lists that each hold the one before twice
/// double the nodes, so a kilobyte template would otherwise take minutes and gigabytes.
/// Past a bound the reference stays as written (never judged as if it were harmless text)
/// and an error at the expression says so: an input that was not read is never a pass.
struct ARMResolution {
    /// The longest text one expression may resolve to.
    static let maxText = 64 * 1024
    /// All the text one template's resolving may build, its variables' and expressions'
    /// together: the bound on the number of substitution steps times their length.
    static let maxTotalText = 4 * 1024 * 1024
    /// The most nodes one list or object reference may write out in its place.
    static let maxExpansionNodes = 20_000

    private(set) var problems: [Diagnostic] = []
    private var textLeft = maxTotalText
    /// Nodes a structured reference writes out, by reference, for the scope in use.
    private var sizes: [String: Int] = [:]

    /// The expression with its references substituted (`ARMTemplate.substitute`), or nil
    /// when nothing resolved or a bound was reached; then the error is at `node`.
    mutating func substitute(_ text: String, _ values: ARMTemplate.Values, at node: Node) -> String? {
        guard textLeft > 0 else {
            report("ARM expression left unresolved: the template's expressions resolve to more than \(Self.maxTotalText) characters in all", at: node)
            return nil
        }
        do {
            let resolved = try ARMTemplate.substitute(text, values, maxLength: min(Self.maxText, textLeft))
            textLeft -= resolved?.utf8.count ?? 0
            return resolved
        } catch {
            report("ARM expression left unresolved: it resolves to more than \(min(Self.maxText, textLeft)) characters", at: node)
            return nil
        }
    }

    /// Sizes are per scope: the same reference stands for another value in a nested template.
    mutating func enterScope() {
        sizes = [:]
    }

    /// Whether a list or object reference may be written out in place; if not, the error is at `node`.
    mutating func mayExpand(_ name: String, _ scope: ARMTemplate.Scope, at node: Node) -> Bool {
        guard size(ofReference: name, scope, depth: 0) > Self.maxExpansionNodes else { return true }
        report("ARM reference \(name) left unresolved: it writes out more than \(Self.maxExpansionNodes) values", at: node)
        return false
    }

    mutating func report(_ message: String, at node: Node) {
        let diagnostic = Diagnostic(.error, file: node.location.file, at: node.start, message)
        if !problems.contains(diagnostic) { problems.append(diagnostic) }
    }

    /// The nodes a reference writes out, counted once per reference; one that refers to
    /// itself, or that nests past what the writer takes, counts as too many.
    private mutating func size(ofReference name: String, _ scope: ARMTemplate.Scope, depth: Int) -> Int {
        if let known = sizes[name] { return known }
        guard let value = scope.structured[name] else { return 1 }
        sizes[name] = Self.maxExpansionNodes + 1
        let counted = size(of: value, scope, depth: depth + 1)
        sizes[name] = counted
        return counted
    }

    private mutating func size(of node: Node, _ scope: ARMTemplate.Scope, depth: Int) -> Int {
        let tooMany = Self.maxExpansionNodes + 1
        guard depth < 64 else { return tooMany }
        switch node.kind {
        case .scalar:
            guard !node.isNull, let name = ARMTemplate.wholeReference(node.text), scope.structured[name] != nil else { return 1 }
            return size(ofReference: name, scope, depth: depth)
        case .sequence, .mapping:
            var total = 1
            let children = node.kind == .mapping ? node.entries.map { $0.value } : node.elements
            for child in children {
                total += (node.kind == .mapping ? 1 : 0) + size(of: child, scope, depth: depth + 1)
                if total > Self.maxExpansionNodes { return tooMany }
            }
            return total
        }
    }
}
