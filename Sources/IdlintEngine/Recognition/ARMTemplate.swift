import IdlintSyntax

/// An ARM template as deployed without a parameters file: a `[parameters('x')]` whose
/// parameter has a literal `defaultValue` is that value, so that a role assignment whose
/// role, principal type or scope is a parameter is judged by what it assigns by default.
/// The resolved text stays at the expression's place: the finding belongs to the
/// assignment, not to the parameter's declaration. Nested deployments
/// (`Microsoft.Resources/deployments` with `properties.template`) are read with their
/// own parameters when their expressions are evaluated in the inner scope, with the
/// outer template's otherwise, as ARM evaluates them.
enum ARMTemplate {
    /// Parameter name (lower-cased: ARM names are case-insensitive) → its value.
    typealias Parameters = [String: Node]

    /// Each template of the file with the parameter references it can resolve resolved:
    /// the file's own, then each nested deployment's template as a tree of its own, so
    /// that a rule's `^["$schema"]` reads the deployment level of the template that holds
    /// the resource (a resource-group template nested in a subscription one).
    static func templates(of root: Node) -> [Node] {
        var found: [Node] = []
        collect(root, defaults(of: root, outer: [:], passed: nil), isFile: true, into: &found, depth: 0)
        return found
    }

    private static func collect(_ template: Node, _ parameters: Parameters, isFile: Bool, into found: inout [Node], depth: Int) {
        guard depth < 16 else { return }
        if isFile, !mentionsParameters(template, depth: 0) {
            found.append(template)
        } else {
            found.append(composed(template, parameters) ?? template)
        }
        template["resources"]?.forEachElement { resource in
            guard let nested = nestedTemplate(of: resource) else { return true }
            let properties = resource["properties"]
            let inner = properties?["expressionEvaluationOptions"]?.string("scope")?.lowercased() == "inner"
            collect(nested, inner ? defaults(of: nested, outer: parameters, passed: properties?["parameters"]) : parameters,
                    isFile: false, into: &found, depth: depth + 1)
            return true
        }
    }

    /// The template written out as a tree of its own, each node at its place.
    private static func composed(_ template: Node, _ parameters: Parameters) -> Node? {
        var composer = TreeComposer(file: template.document.file, environment: template.document.environment, syntax: template.document.syntax)
        do {
            try write(template, parameters, into: &composer, depth: 0)
            return try composer.finish().root
        } catch {
            return nil
        }
    }

    private static func nestedTemplate(of resource: Node) -> Node? {
        guard resource.string("type")?.lowercased() == "microsoft.resources/deployments",
              let template = resource["properties"]?["template"], template.isMapping else { return nil }
        return template
    }

    /// A template's parameters with a literal default, or, for a nested template in the
    /// inner scope, the value its deployment passes (`properties.parameters.x.value`).
    private static func defaults(of template: Node, outer: Parameters, passed: Node?) -> Parameters {
        var table: Parameters = [:]
        template["parameters"]?.forEachEntry { name, declaration in
            if let value = passed?[name.text]?["value"], value.isScalar, !value.isNull {
                table[name.text.lowercased()] = resolvedScalar(value, outer)
            } else if let value = declaration["defaultValue"], value.isScalar, !value.isNull {
                table[name.text.lowercased()] = value
            }
            return true
        }
        return table
    }

    /// A value passed from the outer template, as a scalar text after resolution.
    private static func resolvedScalar(_ value: Node, _ parameters: Parameters) -> Node {
        guard let name = wholeReference(value.text), let resolved = parameters[name] else { return value }
        return resolved
    }

    private static func mentionsParameters(_ node: Node, depth: Int) -> Bool {
        guard depth < 64 else { return false }
        if node.isScalar { return node.text.hasPrefix("[") && !references(in: node.text).isEmpty }
        return node.children.contains { mentionsParameters($0, depth: depth + 1) }
    }

    private static func write(_ node: Node, _ parameters: Parameters, into composer: inout TreeComposer, depth: Int) throws {
        guard depth < 64 else { throw SyntaxError(.tooDeep, "template nested too deep", at: node.start) }
        switch node.kind {
        case .scalar:
            let text = !node.isNull && node.text.hasPrefix("[") ? substitute(node.text, parameters) : nil
            try composer.scalar(text ?? node.text, style: text == nil ? node.style : .quoted, tag: text == nil ? node.tag : nil, at: node.span)
        case .sequence:
            try composer.begin(.sequence, at: node.start)
            for element in node.elements { try write(element, parameters, into: &composer, depth: depth + 1) }
            try composer.end(at: node.span.end)
        case .mapping:
            // A nested template's copy here is not read: `templates` composes it apart.
            try composer.begin(.mapping, at: node.start)
            for (key, value) in node.entries {
                try composer.scalar(key.text, style: key.style, at: key.span)
                try write(value, parameters, into: &composer, depth: depth + 1)
            }
            try composer.end(at: node.span.end)
        }
    }

    /// `x` when the whole text is `[parameters('x')]`.
    private static func wholeReference(_ text: String) -> String? {
        guard text.hasPrefix("["), text.hasSuffix("]") else { return nil }
        let references = references(in: text)
        guard references.count == 1, let only = references.first, only.range == text.utf8.index(after: text.utf8.startIndex)..<text.utf8.index(before: text.utf8.endIndex) else { return nil }
        return only.name
    }

    /// The expression with each resolvable reference replaced: the whole text by the
    /// value itself, a reference inside a bigger expression by the value as an ARM string
    /// literal (or, for a default that is an expression, by that expression). Nil when
    /// nothing was replaced.
    static func substitute(_ text: String, _ parameters: Parameters) -> String? {
        if let name = wholeReference(text), let value = parameters[name] { return value.text }
        var result = ""
        var last = text.utf8.startIndex
        var replaced = false
        for reference in references(in: text) {
            guard let value = parameters[reference.name] else { continue }
            result += String(text[last..<reference.range.lowerBound])
            let literal = value.text
            if literal.hasPrefix("["), !literal.hasPrefix("[["), literal.hasSuffix("]") {
                result += String(literal.dropFirst().dropLast())
            } else {
                result += "'" + literal.replacingOccurrences(of: "'", with: "''") + "'"
            }
            last = reference.range.upperBound
            replaced = true
        }
        guard replaced else { return nil }
        return result + String(text[last...])
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// Every `parameters('name')` in an expression (function names ignore case), with
    /// the range it covers; names lower-cased.
    private static func references(in text: String) -> [(name: String, range: Range<String.UTF8View.Index>)] {
        let bytes = text.utf8
        let word = Array("parameters(".utf8)
        var found: [(String, Range<String.UTF8View.Index>)] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            var cursor = index
            var matched = 0
            while matched < word.count, cursor < bytes.endIndex, asciiLowercased(bytes[cursor]) == word[matched] {
                matched += 1
                cursor = bytes.index(after: cursor)
            }
            guard matched == word.count else {
                index = bytes.index(after: index)
                continue
            }
            while cursor < bytes.endIndex, bytes[cursor] == UInt8(ascii: " ") { cursor = bytes.index(after: cursor) }
            guard cursor < bytes.endIndex, bytes[cursor] == UInt8(ascii: "'") else {
                index = cursor
                continue
            }
            let nameStart = bytes.index(after: cursor)
            guard let quote = bytes[nameStart...].firstIndex(of: UInt8(ascii: "'")) else { break }
            var close = bytes.index(after: quote)
            while close < bytes.endIndex, bytes[close] == UInt8(ascii: " ") { close = bytes.index(after: close) }
            guard close < bytes.endIndex, bytes[close] == UInt8(ascii: ")") else {
                index = close
                continue
            }
            let end = bytes.index(after: close)
            found.append((String(text[nameStart..<quote]).lowercased(), index..<end))
            index = end
        }
        return found
    }
}
