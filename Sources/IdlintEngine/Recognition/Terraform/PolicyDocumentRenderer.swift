import IdlintSyntax

/// `data "aws_iam_policy_document"` written out as the JSON policy the AWS provider
/// renders from it, each part placed on the HCL that says it: a finding on an Action
/// points at the `actions` line of the statement block.
enum PolicyDocumentRenderer {
    /// One statement as it will be written: a block of this data source, or a statement
    /// of another rendered document merged in (`source_policy_documents`).
    private enum Statement {
        case block(Node)
        case rendered(Node, reference: SourceSpan)

        var sid: String? {
            let sid: String? = switch self {
            case .block(let node): node.string("sid")
            case .rendered(let node, _): node.string("Sid")
            }
            return sid?.isEmpty == false ? sid : nil
        }
    }

    /// `body` is the data source evaluated (dynamic statements expanded); `written` as
    /// written, whose references to other documents keep those documents' own places.
    static func render(_ body: Node, written: Node, scope: TerraformScope) -> Node? {
        var statements: [Statement] = []
        func merge(_ incoming: Statement, replacing: Bool) {
            if replacing, let sid = incoming.sid, let index = statements.firstIndex(where: { $0.sid == sid }) {
                statements[index] = incoming
            } else {
                statements.append(incoming)
            }
        }
        func renderedStatements(_ key: String) -> [Statement] {
            (written[key]?.elements ?? []).flatMap { reference -> [Statement] in
                guard case .node(let document)? = scope.value(of: reference), let list = document["Statement"] else { return [] }
                return list.elements.map { .rendered($0, reference: reference.span) }
            }
        }
        // The provider's order: source documents, then this one's statements (which
        // replace a source statement of the same Sid), then overrides (likewise).
        for statement in renderedStatements("source_policy_documents") { merge(statement, replacing: false) }
        for block in body.values("statement") where block.isMapping { merge(.block(block), replacing: true) }
        for statement in renderedStatements("override_policy_documents") { merge(statement, replacing: true) }
        return scope.compose(in: body.document.file) { composer in
            try composer.begin(.mapping, at: body.start)
            try composer.scalar("Version", at: body.span)
            if let version = body["version"] {
                try scope.write(version, foreignSpan: nil, into: &composer, depth: 0)
            } else {
                try composer.scalar("2012-10-17", at: body.span)
            }
            try composer.scalar("Statement", at: body.span)
            try composer.begin(.sequence, at: body.start)
            for statement in statements {
                switch statement {
                case .block(let block): try write(block, scope: scope, into: &composer)
                case .rendered(let node, let reference): try scope.write(node, foreignSpan: reference, into: &composer, depth: 0)
                }
            }
            try composer.end(at: body.span.end)
            try composer.end(at: body.span.end)
        }
    }

    /// Attribute names of a statement block and the policy keys they become.
    private static let lists: [(String, String)] = [
        ("actions", "Action"), ("not_actions", "NotAction"), ("resources", "Resource"), ("not_resources", "NotResource"),
    ]

    private static func write(_ block: Node, scope: TerraformScope, into composer: inout TreeComposer) throws {
        try composer.begin(.mapping, at: block.start)
        if let sid = block.entry("sid") {
            try composer.scalar("Sid", at: sid.key.span)
            try scope.write(sid.value, foreignSpan: nil, into: &composer, depth: 0)
        }
        // The provider's default effect is Allow: placed on the block that omits it.
        try composer.scalar("Effect", at: block.entry("effect")?.key.span ?? block.span)
        if let effect = block["effect"] {
            try scope.write(effect, foreignSpan: nil, into: &composer, depth: 0)
        } else {
            try composer.scalar("Allow", at: SourceSpan(start: block.start, end: block.start))
        }
        for (attribute, key) in lists {
            guard let entry = block.entry(attribute) else { continue }
            try composer.scalar(key, at: entry.key.span)
            try scope.write(entry.value, foreignSpan: nil, into: &composer, depth: 0)
        }
        // Blocks made by `dynamic` are unknown: the statement's principals or conditions
        // are then unknown too, never read as absent.
        let dynamic = Set(block.values("dynamic").flatMap { $0.entries.map(\.key.text) })
        for (blockName, key) in [("principals", "Principal"), ("not_principals", "NotPrincipal"), ("condition", "Condition")]
        where (dynamic.contains(blockName) || block.values(blockName).contains(where: \.isUnevaluated)) && !block.values(blockName).contains(where: \.isMapping) {
            try composer.scalar(key, at: block.span)
            try composer.scalar("dynamic \(blockName)", style: .plain, tag: hclExpressionTag, at: block.span)
        }
        for (blockName, key) in [("principals", "Principal"), ("not_principals", "NotPrincipal")] {
            let principals = block.values(blockName).filter(\.isMapping)
            guard let first = principals.first else { continue }
            try composer.scalar(key, at: first.span)
            if principals.contains(where: { $0.string("type") == "*" }) {
                // `type = "*"` renders as the bare wildcard principal.
                let star = principals.first { $0.string("type") == "*" }!
                try composer.scalar("*", at: star.entry("type")?.value.span ?? star.span)
                continue
            }
            try composer.begin(.mapping, at: first.start)
            for principal in principals {
                guard let type = principal.entry("type"), let identifiers = principal["identifiers"] else { continue }
                try scope.write(type.value, foreignSpan: nil, into: &composer, depth: 0)
                try scope.write(identifiers, foreignSpan: nil, into: &composer, depth: 0)
            }
            try composer.end(at: first.span.end)
        }
        let conditions = block.values("condition").filter(\.isMapping)
        if let first = conditions.first {
            try composer.scalar("Condition", at: first.span)
            try composer.begin(.mapping, at: first.start)
            for condition in conditions {
                guard let test = condition.entry("test"), let variable = condition.entry("variable"), let values = condition["values"] else { continue }
                try scope.write(test.value, foreignSpan: nil, into: &composer, depth: 0)
                try composer.begin(.mapping, at: condition.start)
                try scope.write(variable.value, foreignSpan: nil, into: &composer, depth: 0)
                try scope.write(values, foreignSpan: nil, into: &composer, depth: 0)
                try composer.end(at: condition.span.end)
            }
            try composer.end(at: first.span.end)
        }
        try composer.end(at: block.span.end)
    }
}
