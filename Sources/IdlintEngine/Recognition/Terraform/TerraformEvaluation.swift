import IdlintSyntax

/// Trees with the scope's known values written in: a resource's attributes as Terraform
/// would see them, so that `role = var.admin_role` is judged as the role it names.
extension TerraformScope {
    /// `node` with every expression whose value is known replaced by that value; `node`
    /// itself when nothing in it is known (most resources), so nothing is copied.
    func evaluated(_ node: Node) -> Node {
        guard containsKnownExpression(node, depth: 0) else { return node }
        return compose(in: node.document.file) { composer in try write(node, foreignSpan: nil, into: &composer, depth: 0) } ?? node
    }

    /// A policy attribute as the tree of the JSON policy it holds: a literal object
    /// (jsonencode), JSON text, a policy document data source, or a template whose known
    /// parts are read and whose unknown interpolations stay unknown. Nil when unknown.
    func policyTree(_ attribute: Node) -> Node? {
        if attribute.isMapping { return evaluated(attribute) }
        guard attribute.isScalar, !attribute.isNull else { return nil }
        guard attribute.isUnevaluated else { return parsePolicy(attribute.text, at: attribute) }
        switch value(of: attribute) {
        case .node(let node)? where node.isMapping:
            // A rendered data source, or a literal object of a local or variable default.
            return node.document.file == attribute.document.file || containsKnownExpression(node, depth: 0)
                ? compose(in: attribute.document.file) { try write(node, foreignSpan: attribute.span, into: &$0, depth: 0) } ?? node
                : node
        case .node(let node)? where node.isScalar && !node.isUnevaluated:
            return parsePolicy(node.text, at: attribute)
        case .text(let text)?:
            return parsePolicy(text, at: attribute)
        default:
            // A heredoc policy with `${aws_s3_bucket.b.arn}` in a Resource: its other
            // statements are still read; the strings holding the unknown stay unknown.
            guard let partial = template(attribute.text, depth: 0, keepingUnknown: true) else { return nil }
            return parsePolicy(partial, at: attribute)
        }
    }

    /// JSON text placed at the attribute that holds it; strings that still hold an
    /// interpolation become unknown.
    private func parsePolicy(_ text: String, at attribute: Node) -> Node? {
        guard let document = TerraformPlanRecognizer.parseEmbedded(text, file: attribute.document.file, at: attribute.span) else { return nil }
        guard text.contains("${") else { return document.root }
        return compose(in: attribute.document.file) { try writeMarkingInterpolations(document.root, into: &$0) }
    }

    private func writeMarkingInterpolations(_ node: Node, into composer: inout TreeComposer) throws {
        switch node.kind {
        case .scalar:
            let text = node.text
            try composer.scalar(text, style: node.style, tag: text.contains("${") ? hclExpressionTag : nil, at: node.span)
        case .mapping:
            try composer.begin(.mapping, at: node.start)
            for (key, value) in node.entries {
                try composer.scalar(key.text, at: key.span)
                try writeMarkingInterpolations(value, into: &composer)
            }
            try composer.end(at: node.span.end)
        case .sequence:
            try composer.begin(.sequence, at: node.start)
            for element in node.elements { try writeMarkingInterpolations(element, into: &composer) }
            try composer.end(at: node.span.end)
        }
    }

    /// A tree composed for `file`; nil when composing fails (nesting past the limit).
    func compose(in file: String, _ body: (inout TreeComposer) throws -> Void) -> Node? {
        var composer = TreeComposer(file: file)
        do {
            try body(&composer)
            return try composer.finish().root
        } catch {
            return nil
        }
    }

    /// Writes `node` evaluated. Nodes of the composed file keep their places; nodes of
    /// another file (a variable's default in variables.tf) take `foreignSpan`, the place
    /// in this file that refers to them.
    func write(_ node: Node, foreignSpan: SourceSpan?, into composer: inout TreeComposer, depth: Int) throws {
        let span = node.document.file == composer.file ? node.span : (foreignSpan ?? node.span)
        if node.isUnevaluated {
            switch depth < Self.maxReferenceDepth ? value(of: node) : nil {
            case .text(let text)?: try composer.scalar(text, at: span)
            case .node(let resolved)?: try write(resolved, foreignSpan: span, into: &composer, depth: depth + 1)
            case nil: try composer.scalar(node.text, style: .plain, tag: hclExpressionTag, at: span)
            }
            return
        }
        switch node.kind {
        case .scalar:
            try composer.scalar(node.text, style: node.style, tag: node.tag, at: span)
        case .mapping:
            try composer.begin(.mapping, at: span.start)
            for (key, value) in node.entries {
                try write(key, foreignSpan: foreignSpan, into: &composer, depth: depth)
                try write(value, foreignSpan: foreignSpan, into: &composer, depth: depth)
            }
            try composer.end(at: span.end)
        case .sequence:
            try composer.begin(.sequence, at: span.start)
            for element in node.elements { try write(element, foreignSpan: foreignSpan, into: &composer, depth: depth) }
            try composer.end(at: span.end)
        }
    }

    private func containsKnownExpression(_ node: Node, depth: Int) -> Bool {
        switch node.kind {
        case .scalar: return node.isUnevaluated && value(of: node) != nil
        case .sequence:
            return depth < 64 && !node.forEachElement { !containsKnownExpression($0, depth: depth + 1) }
        case .mapping:
            return depth < 64 && !node.forEachEntry { !containsKnownExpression($1, depth: depth + 1) }
        }
    }
}
