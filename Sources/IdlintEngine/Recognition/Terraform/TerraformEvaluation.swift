import IdlintSyntax

/// Trees with the scope's known values written in: a resource's attributes as Terraform
/// would see them, so that `role = var.admin_role` is judged as the role it names.
extension TerraformScope {
    /// `node` with every expression whose value is known replaced by that value; `node`
    /// itself when nothing in it is known (most resources), so nothing is copied.
    func evaluated(_ node: Node) -> Node {
        guard containsExpression(node, depth: 0) else { return node }
        return compose(in: node.document.file) { composer in try write(node, foreignSpan: nil, into: &composer, depth: 0) } ?? node
    }

    /// A policy attribute as the tree of the JSON policy it holds: a literal object
    /// (jsonencode), JSON text, a policy document data source, or a template whose known
    /// parts are read and whose unknown interpolations stay unknown. Nil when unknown.
    /// JSON text written in the module (the attribute's, or a variable's or local's) that
    /// does not parse adds an input error to `problems`; text idlint put together from a
    /// template is not held against the file.
    func policyTree(_ attribute: Node, problems: inout [Diagnostic]) -> Node? {
        if attribute.isMapping { return evaluated(attribute) }
        guard attribute.isScalar, !attribute.isNull else { return nil }
        guard attribute.isUnevaluated else { return parsePolicy(attribute.text, at: attribute, problems: &problems) }
        var assembled: [Diagnostic] = []
        switch value(of: attribute) {
        case .node(let node)? where node.isMapping:
            // A rendered data source (already evaluated) keeps its own places; a local's or
            // default's object is evaluated, its values from elsewhere placed on the
            // attribute, and so is a policy a caller passed in from another module.
            let passedIn = TerraformModule.directory(of: node.document.file) != TerraformModule.directory(of: attribute.document.file)
            guard passedIn || containsKnownExpression(node, depth: 0) else { return node }
            return compose(in: attribute.document.file) { try write(node, foreignSpan: attribute.span, into: &$0, depth: 0) } ?? node
        case .node(let node)? where node.isScalar && !node.isUnevaluated:
            return parsePolicy(node.text, at: attribute, problems: &problems)
        case .text(let text)?:
            return parsePolicy(text, at: attribute, problems: &assembled)
        default:
            // A heredoc policy with `${aws_s3_bucket.b.arn}` in a Resource: its other
            // statements are still read; the strings holding the unknown stay unknown.
            guard let partial = template(attribute.text, keepingUnknown: true) else { return nil }
            return parsePolicy(partial, at: attribute, problems: &assembled)
        }
    }

    /// JSON text placed at the attribute that holds it: a heredoc's JSON at its own
    /// lines below the attribute, a string's on the string. Strings that still hold an
    /// interpolation become unknown.
    private func parsePolicy(_ text: String, at attribute: Node, problems: inout [Diagnostic]) -> Node? {
        let file = attribute.document.file
        let parsed: Result<Document, SyntaxError>
        if attribute.style == .block || attribute.text.hasPrefix("<<") {
            // The heredoc's first line is the one after `<<MARKER`; `<<-` removed the
            // common indentation, which a template's source still shows.
            let indent = attribute.isUnevaluated ? Self.heredocIndent(attribute.text) : 0
            parsed = EmbeddedPolicyText.parse(text, file: file, with: JSONParser(shiftedBy: Int(attribute.start.line), columns: indent))
        } else {
            parsed = EmbeddedPolicyText.parse(text, file: file, with: JSONParser(embeddedAt: attribute.span))
        }
        let document: Document
        switch parsed {
        case .success(let read):
            document = read.reading(in: environment)
        case .failure(let error):
            // Only what starts as JSON was meant as a policy (not an ARN, not a path).
            if text.drop(while: \.isWhitespace).first == "{" {
                problems.append(EmbeddedPolicyText.unreadable(attribute, form: "JSON text", error))
            }
            return nil
        }
        guard text.contains("${") else { return document.root }
        return EmbeddedPolicyText.markingInterpolations(document.root, syntax: .hcl)
    }

    /// A tree composed for `file`; nil when composing fails (nesting past the limit).
    func compose(in file: String, _ body: (inout TreeComposer) throws -> Void) -> Node? {
        var composer = TreeComposer(file: file, environment: environment)
        do {
            try body(&composer)
            return try composer.finish().root
        } catch {
            return nil
        }
    }

    /// Writes `node` evaluated. Nodes of the composed file keep their places; nodes of
    /// another file take `foreignSpan`, the place in this file that refers to them. A
    /// value reached through a reference (a variable's default, a local) is placed on the
    /// reference, wherever it is declared: the finding belongs to the resource that uses
    /// it, and two resources using one local are two findings.
    func write(_ node: Node, foreignSpan: SourceSpan?, into composer: inout TreeComposer, depth: Int, relocating: Bool = false) throws {
        let span = node.document.file == composer.file && !relocating ? node.span : (foreignSpan ?? node.span)
        if node.isUnevaluated {
            switch depth < Self.maxReferenceDepth ? value(of: node) : nil {
            case .text(let text)?: try composer.scalar(text, at: span)
            case .node(let resolved)?:
                // A document decoded in place (yamldecode of a heredoc) keeps its own lines.
                try write(resolved, foreignSpan: span, into: &composer, depth: depth + 1, relocating: relocating || resolved.document.syntax == .hcl)
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
                try write(key, foreignSpan: foreignSpan, into: &composer, depth: depth, relocating: relocating)
                try write(value, foreignSpan: foreignSpan, into: &composer, depth: depth, relocating: relocating)
            }
            try writeDynamicBlocks(of: node, into: &composer, depth: depth)
            try composer.end(at: span.end)
        case .sequence:
            try composer.begin(.sequence, at: span.start)
            for element in node.elements { try write(element, foreignSpan: foreignSpan, into: &composer, depth: depth, relocating: relocating) }
            try composer.end(at: span.end)
        }
    }

    /// `dynamic "statement" { for_each = ..., content { ... } }`: over a collection the
    /// module knows (a local's list, a default), one block per element, written with the
    /// iterator (`statement.value`, `statement.key`) bound; over an unknown one, the
    /// block name is written as an unknown value, so that a rule asking whether the
    /// resource has a `condition` gets no answer rather than "no".
    func writeDynamicBlocks(of node: Node, into composer: inout TreeComposer, depth: Int) throws {
        for dynamic in node.values("dynamic") where dynamic.isMapping {
            for (label, block) in dynamic.entries {
                if depth < Self.maxReferenceDepth, let instances = instances(of: block), let content = block["content"], content.isMapping {
                    let iterator = block["iterator"].map(\.text) ?? label.text
                    for (key, element) in instances {
                        var inner = self
                        inner.iterators[iterator] = (key, element)
                        try composer.scalar(label.text, at: label.span)
                        try inner.write(content, foreignSpan: nil, into: &composer, depth: depth + 1)
                    }
                } else if node[label.text] == nil {
                    try composer.scalar(label.text, at: label.span)
                    try composer.scalar("dynamic \(label.text)", style: .plain, tag: hclExpressionTag, at: label.span)
                }
            }
        }
    }

    /// The elements a `for_each` iterates over, with their keys (a list's index, a
    /// map's key), when the collection is known.
    func instances(of block: Node) -> [(key: String, value: Node)]? {
        guard let forEach = block["for_each"] else { return nil }
        switch value(of: forEach) {
        case .text(let text)? where text == "[]" || text == "{}": return []
        case .node(let collection)? where collection.isSequence:
            return collection.elements.enumerated().map { (String($0.offset), $0.element) }
        case .node(let collection)? where collection.isMapping:
            return collection.entries.map { ($0.key.text, $0.value) }
        default: return nil
        }
    }

    /// Whether anything in `node` may need evaluating: a cheap walk, no value is looked up.
    func containsExpression(_ node: Node, depth: Int) -> Bool {
        switch node.kind {
        case .scalar: return node.isUnevaluated
        case .sequence: return depth < 64 && !node.forEachElement { !containsExpression($0, depth: depth + 1) }
        case .mapping: return depth < 64 && (node["dynamic"] != nil || !node.forEachEntry { !containsExpression($1, depth: depth + 1) })
        }
    }

    private func containsKnownExpression(_ node: Node, depth: Int) -> Bool {
        switch node.kind {
        case .scalar: return node.isUnevaluated && value(of: node) != nil
        case .sequence:
            return depth < 64 && !node.forEachElement { !containsKnownExpression($0, depth: depth + 1) }
        case .mapping:
            return depth < 64 && (node["dynamic"] != nil || !node.forEachEntry { !containsKnownExpression($1, depth: depth + 1) })
        }
    }
}
