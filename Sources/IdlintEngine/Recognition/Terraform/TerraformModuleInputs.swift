import IdlintSyntax

/// What a module call passes to the module it calls, evaluated where it is written: in
/// the caller's scope, as Terraform evaluates a call's arguments.
extension TerraformScope {
    /// The arguments of a `module` block that are not inputs.
    static let moduleMetaArguments: Set<String> = ["source", "version", "count", "for_each", "providers", "depends_on"]

    /// A call's inputs by name: each evaluated here, or nil when its value is unknown here.
    func inputs(of call: Node) -> [String: Node?] {
        var inputs: [String: Node?] = [:]
        call.forEachEntry { key, value in
            if !Self.moduleMetaArguments.contains(key.text) { inputs[key.text] = passed(value) }
            return true
        }
        return inputs
    }

    /// A value as the called module sees it: what this scope knows written in, and every
    /// part it does not know made an unknown that no scope can resolve. Left as written,
    /// `var.x` or `local.y` would be read again in the called module, as the callee's own
    /// variable or local: another value. Nil when the whole value is unknown.
    func passed(_ node: Node) -> Node? {
        let value = evaluated(node)
        guard containsExpression(value, depth: 0) else { return value }
        if value.isScalar { return nil }
        return compose(in: value.document.file) { try writeSealed(value, into: &$0, depth: 0) }
    }

    /// The text an unknown part of a passed value is given: not a reference, a template,
    /// a call or an operator, so it evaluates to nothing in any scope.
    static let unknownInput = "unknown input from the caller"

    private func writeSealed(_ node: Node, into composer: inout TreeComposer, depth: Int) throws {
        if node.isUnevaluated || (depth >= 64 && !node.isScalar) {
            try composer.scalar(Self.unknownInput, style: .plain, tag: hclExpressionTag, at: node.span)
            return
        }
        switch node.kind {
        case .scalar:
            try composer.scalar(node.text, style: node.style, tag: node.tag, at: node.span)
        case .mapping:
            try composer.begin(.mapping, at: node.start)
            for (key, value) in node.entries {
                try writeSealed(key, into: &composer, depth: depth + 1)
                try writeSealed(value, into: &composer, depth: depth + 1)
            }
            try composer.end(at: node.span.end)
        case .sequence:
            try composer.begin(.sequence, at: node.start)
            for element in node.elements { try writeSealed(element, into: &composer, depth: depth + 1) }
            try composer.end(at: node.span.end)
        }
    }
}
