import IdlintSyntax

/// Policy documents held as text in a string of another file: JSON text (CloudFormation's
/// `PolicyDocument: '{"Version": ...}'`, a Terraform plan's `policy`), or, from the IAM
/// API, URL-encoded JSON (`%7B%22Version%22...`). Every recognizer that reads such
/// strings reads them here, so that a string where a policy belongs that does not decode
/// is an input error at the string, never a policy quietly dropped.
enum EmbeddedPolicyText {
    /// What a string may hold besides JSON text.
    enum Encoding {
        /// JSON text, or no policy at all (an ARN, an empty string): only text that starts
        /// as JSON is held to be a document.
        case jsonIfItLooksLikeIt
        /// JSON text or URL-encoded JSON text, and nothing else: the AWS CLI's and API's
        /// exports, where the key says a document is there.
        case jsonOrURLEncoded
    }

    /// The tree of a policy property: a mapping as written, or the document a string
    /// holds, parsed with every node on the string. CloudFormation's `!Sub` text is read
    /// too, its `${...}` placeholders unknown (`CloudFormationSub`). Another tagged string,
    /// or one standing for an expression (Terraform), is left alone. A string that should
    /// be a document and does not decode adds an error to `problems`.
    static func tree(_ value: Node, encoding: Encoding, problems: inout [Diagnostic]) -> Node? {
        if let sub = CloudFormationSub(value) { return tree(sub, problems: &problems) }
        if value.isMapping { return value }
        guard value.isScalar, !value.isNull, value.tag == nil else { return nil }
        let text = value.text
        let looksLikeJSON = text.drop(while: \.isWhitespace).first == "{"
        let decoded: String
        switch encoding {
        case .jsonIfItLooksLikeIt:
            guard looksLikeJSON else { return nil }
            decoded = text
        case .jsonOrURLEncoded:
            guard let text = looksLikeJSON ? text : PercentDecoding.decode(text) else {
                problems.append(problem(at: value, "it is neither JSON nor valid URL encoding (a '%' escape is malformed, or the bytes are not UTF-8)"))
                return nil
            }
            decoded = text
        }
        switch parse(decoded, file: value.document.file, with: JSONParser(embeddedAt: value.span)) {
        case .success(let document):
            return document.root
        case .failure(let error):
            problems.append(unreadable(value, form: looksLikeJSON ? "JSON text" : "URL-encoded text", error))
            return nil
        }
    }

    /// A `!Sub` policy: JSON text whose placeholders are unknown. Text that does not start
    /// as JSON is no document (an ARN); text that does and does not parse is an error.
    private static func tree(_ sub: CloudFormationSub, problems: inout [Diagnostic]) -> Node? {
        guard sub.text.drop(while: \.isWhitespace).first == "{" else { return nil }
        switch parse(sub.text, file: sub.node.document.file, with: JSONParser(embeddedAt: sub.node.span)) {
        case .success(let document):
            guard sub.text.contains("${") else { return document.root }
            guard let marked = markingInterpolations(document.root, syntax: document.syntax) else {
                problems.append(problem(at: sub.node, "its placeholders nest past what a tree may hold"))
                return nil
            }
            return marked
        case .failure(let error):
            problems.append(unreadable(sub.node, form: "!Sub text", error))
            return nil
        }
    }

    /// A parsed policy with every string that still holds a `${...}` placeholder (a
    /// Terraform template's interpolation, a `!Sub` variable) marked unevaluated: its value
    /// is unknown, so no rule passes or fails on it. Nil when the tree cannot be composed.
    static func markingInterpolations(_ root: Node, syntax: Syntax) -> Node? {
        var composer = TreeComposer(file: root.document.file, environment: root.document.environment, syntax: syntax)
        do {
            try writeMarkingInterpolations(root, into: &composer)
            return try composer.finish().root
        } catch {
            return nil
        }
    }

    private static func writeMarkingInterpolations(_ node: Node, into composer: inout TreeComposer) throws {
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

    /// The error for the string at `value`, whose text (JSON, or `form`) did not parse.
    static func unreadable(_ value: Node, form: String, _ error: SyntaxError) -> Diagnostic {
        let inside = error.position.map { " (at \($0) of the decoded text)" } ?? ""
        return problem(at: value, "the \(form) is not a JSON document: \(error.message)\(inside)")
    }

    /// JSON held in another file's text, parsed with `parser` (which places its nodes).
    static func parse(_ text: String, file: String, with parser: JSONParser) -> Result<Document, SyntaxError> {
        var bytes = Array(text.utf8)
        var parsed: Document?
        do {
            try bytes.withUnsafeMutableBufferPointer { buffer in
                try parser.parse(UnsafeBufferPointer(buffer), file: file, limits: .standard) { parsed = parsed ?? $0 }
            }
        } catch let error as SyntaxError {
            return .failure(error)
        } catch {
            return .failure(SyntaxError(.malformed, "\(error)"))
        }
        guard let parsed else { return .failure(SyntaxError(.malformed, "no JSON value")) }
        return .success(parsed)
    }

    private static func problem(at value: Node, _ reason: String) -> Diagnostic {
        Diagnostic(.error, file: value.location.file, at: value.start, "a policy document held in this string could not be read: \(reason)")
    }
}
