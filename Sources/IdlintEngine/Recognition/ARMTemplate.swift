import IdlintSyntax

/// An ARM template as deployed: a `[parameters('x')]` is the value a parameter file
/// gives it (`ARMParameterFiles`), else its literal `defaultValue`; a `[variables('x')]` is
/// the template's variable, itself resolved; a `concat` of parts that all resolved to
/// text is that text. So a role assignment whose role, principal type or scope comes
/// through a parameter or variable is judged by what it assigns. The resolved text stays
/// at the expression's place: the finding belongs to the assignment, not to the
/// parameter's or variable's declaration. Nested deployments
/// (`Microsoft.Resources/deployments` with `properties.template`) are read with their
/// own parameters and variables when their expressions are evaluated in the inner scope,
/// with the outer template's otherwise, as ARM evaluates them.
enum ARMTemplate {
    /// A reference as written, canonical (`parameters('x')`, `variables('x')`, the name
    /// lower-cased: ARM names are case-insensitive) → the text it stands for.
    typealias Values = [String: String]

    /// What the references of one template stand for: text, and the lists and objects
    /// that a reference standing alone brings in whole (a role definition's
    /// `"actions": "[parameters('actions')]"` whose default is a list).
    struct Scope {
        var text: Values = [:]
        var structured: [String: Node] = [:]
    }

    /// Each template of the file with the references it can resolve resolved:
    /// the file's own, then each nested deployment's template as a tree of its own, so
    /// that a rule's `^["$schema"]` reads the deployment level of the template that holds
    /// the resource (a resource-group template nested in a subscription one). `given`
    /// holds a parameter file's values by parameter name (lower-cased). What could not be
    /// resolved within `ARMResolution`'s bounds, or composed, is an error in `problems`;
    /// the rest is still judged.
    static func templates(of root: Node, given: [String: Node] = [:], problems: inout [Diagnostic]) -> [Node] {
        var found: [Node] = []
        var resolution = ARMResolution()
        let fileScope = scope(of: root, outer: Scope(), passed: nil, given: given, &resolution)
        collect(root, fileScope, isFile: true, into: &found, depth: 0, &resolution)
        for problem in resolution.problems where !problems.contains(problem) { problems.append(problem) }
        return found
    }

    private static func collect(_ template: Node, _ parameters: Scope, isFile: Bool, into found: inout [Node], depth: Int,
                                _ resolution: inout ARMResolution) {
        guard depth < 16 else {
            resolution.report("ARM deployment nested more than 16 deep; not read", at: template)
            return
        }
        if isFile, !mentionsReferences(template, depth: 0) {
            found.append(template)
        } else {
            found.append(composed(template, parameters, &resolution))
        }
        template["resources"]?.forEachElement { resource in
            guard let nested = nestedTemplate(of: resource) else { return true }
            let properties = resource["properties"]
            let inner = properties?["expressionEvaluationOptions"]?.string("scope")?.lowercased() == "inner"
            let nestedScope = inner ? scope(of: nested, outer: parameters, passed: properties?["parameters"], given: [:], &resolution) : parameters
            collect(nested, nestedScope, isFile: false, into: &found, depth: depth + 1, &resolution)
            return true
        }
    }

    /// The template written out as a tree of its own, each node at its place; as written,
    /// with an error, when it cannot be (it would nest or grow past what a tree may hold):
    /// its literal parts are then still judged.
    private static func composed(_ template: Node, _ parameters: Scope, _ resolution: inout ARMResolution) -> Node {
        var composer = TreeComposer(file: template.document.file, environment: template.document.environment, syntax: template.document.syntax)
        resolution.enterScope()
        do {
            try write(template, parameters, into: &composer, at: nil, depth: 0, &resolution)
            return try composer.finish().root
        } catch {
            resolution.report("ARM template's parameters and variables could not be resolved (\(error)); judged as written, its references unread", at: template)
            return template
        }
    }

    private static func nestedTemplate(of resource: Node) -> Node? {
        guard resource.string("type")?.lowercased() == "microsoft.resources/deployments",
              let template = resource["properties"]?["template"], template.isMapping else { return nil }
        return template
    }

    /// What a template's references stand for: each parameter's value (for a nested
    /// template in the inner scope, the value its deployment passes,
    /// `properties.parameters.x.value`; for the file, the parameter file's), else its
    /// literal default; then each variable, its text with the references in it resolved
    /// (a variable may use parameters and the variables before it resolve).
    private static func scope(of template: Node, outer: Scope, passed: Node?, given: [String: Node], _ resolution: inout ARMResolution) -> Scope {
        var scope = Scope()
        func take(_ key: String, _ value: Node, from outer: Scope?) {
            if value.isScalar {
                // A value passed from the outer template may itself be a reference there.
                if let outer, let name = wholeReference(value.text) {
                    if let text = outer.text[name] { scope.text[key] = text } else if let list = outer.structured[name] { scope.structured[key] = list }
                    if outer.text[name] != nil || outer.structured[name] != nil { return }
                }
                scope.text[key] = value.text
            } else {
                scope.structured[key] = value
            }
        }
        template["parameters"]?.forEachEntry { name, declaration in
            let key = reference("parameters", name.text.lowercased())
            if let value = given[name.text.lowercased()], !value.isNull {
                take(key, value, from: nil)
            } else if let value = passed?[name.text]?["value"], !value.isNull {
                take(key, value, from: outer)
            } else if let value = declaration["defaultValue"], !value.isNull {
                take(key, value, from: nil)
            }
            return true
        }
        // Variables may refer to each other in any order: a few passes settle the chains
        // that real templates write; one that refers to itself stays unresolved. Lists and
        // objects are taken as written: their own expressions resolve where they are used.
        let variables = template["variables"]?.entries.filter { !$0.value.isNull } ?? []
        for (name, value) in variables where !value.isScalar {
            scope.structured[reference("variables", name.text.lowercased())] = value
        }
        // A variable once settled is final (only text without references is kept), so
        // each pass reads only those still pending: reading settled ones again cost time
        // and the resolution's budget of text.
        var pending = variables.filter { $0.value.isScalar }.map { (key: reference("variables", $0.key.text.lowercased()), value: $0.value) }
        for _ in 0..<4 where !pending.isEmpty {
            let before = pending.count
            pending.removeAll { variable in
                let value = variable.value
                let text = value.text.hasPrefix("[") ? (resolution.substitute(value.text, scope.text, at: value) ?? value.text) : value.text
                guard !hasReference(text) else { return false }
                scope.text[variable.key] = text
                return true
            }
            if pending.count == before { break }
        }
        return scope
    }

    private static func reference(_ function: String, _ name: String) -> String {
        "\(function)('\(name)')"
    }

    /// Whether an expression still refers to a parameter or variable (`[[` starts a
    /// literal that only looks like an expression).
    private static func hasReference(_ text: String) -> Bool {
        text.hasPrefix("[") && !text.hasPrefix("[[") && !references(in: text).isEmpty
    }

    private static func mentionsReferences(_ node: Node, depth: Int) -> Bool {
        guard depth < 64 else { return false }
        if node.isScalar { return hasReference(node.text) }
        return node.children.contains { mentionsReferences($0, depth: depth + 1) }
    }

    /// Writes a node with its references resolved. A reference standing alone for a list
    /// or an object writes that value in its place; `span` then places every node of it
    /// at the expression, where the finding belongs (the value itself may sit in the
    /// parameter file or the variables section).
    private static func write(_ node: Node, _ scope: Scope, into composer: inout TreeComposer, at span: SourceSpan?, depth: Int,
                              _ resolution: inout ARMResolution) throws {
        guard depth < 64 else { throw SyntaxError(.tooDeep, "template nested too deep", at: node.start) }
        switch node.kind {
        case .scalar:
            if !node.isNull, node.text.hasPrefix("["), let name = wholeReference(node.text), let value = scope.structured[name],
               resolution.mayExpand(name, scope, at: node) {
                try write(value, scope, into: &composer, at: span ?? node.span, depth: depth + 1, &resolution)
                return
            }
            let text = !node.isNull && node.text.hasPrefix("[") ? resolution.substitute(node.text, scope.text, at: node) : nil
            try composer.scalar(text ?? node.text, style: text == nil ? node.style : .quoted, tag: text == nil ? node.tag : nil, at: span ?? node.span)
        case .sequence:
            try composer.begin(.sequence, at: span?.start ?? node.start)
            for element in node.elements { try write(element, scope, into: &composer, at: span, depth: depth + 1, &resolution) }
            try composer.end(at: span?.end ?? node.span.end)
        case .mapping:
            // A nested template's copy here is not read: `templates` composes it apart.
            try composer.begin(.mapping, at: span?.start ?? node.start)
            for (key, value) in node.entries {
                try composer.scalar(key.text, style: key.style, at: span ?? key.span)
                // The template's own declarations are copied as written: a variable's
                // references resolve where it is used, and resolving them here too would
                // only spend the bounds (and report each refusal twice).
                let declarations = depth == 0 && (key.text == "variables" || key.text == "parameters")
                try write(value, declarations ? Scope() : scope, into: &composer, at: span, depth: depth + 1, &resolution)
            }
            try composer.end(at: span?.end ?? node.span.end)
        }
    }

    /// `parameters('x')` when the whole text is `[parameters('x')]` (or a variable).
    static func wholeReference(_ text: String) -> String? {
        guard text.hasPrefix("["), text.hasSuffix("]") else { return nil }
        let references = references(in: text)
        guard references.count == 1, let only = references.first, only.range == text.utf8.index(after: text.utf8.startIndex)..<text.utf8.index(before: text.utf8.endIndex) else { return nil }
        return only.name
    }

    /// Thrown when an expression would resolve to more than it may (`ARMResolution`).
    struct TooLong: Error {}

    /// The expression with each resolvable reference replaced: the whole text by the
    /// value itself, a reference inside a bigger expression by the value as an ARM string
    /// literal (or, for a value that is an expression, by that expression); then a
    /// `concat` of string literals only, by the text they join. Nil when nothing was
    /// replaced. The result is checked against `maxLength` as it grows, so that a text
    /// that doubles per variable is refused before it is built.
    static func substitute(_ text: String, _ values: Values, maxLength: Int = ARMResolution.maxText) throws(TooLong) -> String? {
        if let name = wholeReference(text), let value = values[name] {
            guard value.utf8.count <= maxLength else { throw TooLong() }
            return value
        }
        var result = ""
        var last = text.utf8.startIndex
        var replaced = false
        for reference in references(in: text) {
            guard let value = values[reference.name] else { continue }
            result += String(text[last..<reference.range.lowerBound])
            if value.hasPrefix("["), !value.hasPrefix("[["), value.hasSuffix("]") {
                result += String(value.dropFirst().dropLast())
            } else {
                result += "'" + value.replacing("'", with: "''") + "'"
            }
            guard result.utf8.count <= maxLength else { throw TooLong() }
            last = reference.range.upperBound
            replaced = true
        }
        guard replaced else { return nil }
        let expression = result + String(text[last...])
        guard expression.utf8.count <= maxLength else { throw TooLong() }
        return ARMConcat.folded(expression) ?? expression
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// Every `parameters('name')` and `variables('name')` in an expression (function
    /// names ignore case), canonical (`parameters('name')`, name lower-cased), with the
    /// range it covers.
    private static func references(in text: String) -> [(name: String, range: Range<String.UTF8View.Index>)] {
        let bytes = text.utf8
        let functions = ["parameters", "variables"].map { Array(($0 + "(").utf8) }
        var found: [(String, Range<String.UTF8View.Index>)] = []
        var index = bytes.startIndex
        scan: while index < bytes.endIndex {
            var cursor = index
            var function: [UInt8]?
            for word in functions {
                var probe = index
                var matched = 0
                while matched < word.count, probe < bytes.endIndex, asciiLowercased(bytes[probe]) == word[matched] {
                    matched += 1
                    probe = bytes.index(after: probe)
                }
                if matched == word.count {
                    function = word
                    cursor = probe
                    break
                }
            }
            guard let function else {
                index = bytes.index(after: index)
                continue
            }
            while cursor < bytes.endIndex, bytes[cursor] == UInt8(ascii: " ") { cursor = bytes.index(after: cursor) }
            guard cursor < bytes.endIndex, bytes[cursor] == UInt8(ascii: "'") else {
                index = cursor
                continue
            }
            let nameStart = bytes.index(after: cursor)
            guard let quote = bytes[nameStart...].firstIndex(of: UInt8(ascii: "'")) else { break scan }
            var close = bytes.index(after: quote)
            while close < bytes.endIndex, bytes[close] == UInt8(ascii: " ") { close = bytes.index(after: close) }
            guard close < bytes.endIndex, bytes[close] == UInt8(ascii: ")") else {
                index = close
                continue
            }
            let end = bytes.index(after: close)
            let name = String(decoding: function.dropLast(), as: UTF8.self)
            found.append((reference(name, String(text[nameStart..<quote]).lowercased()), index..<end))
            index = end
        }
        return found
    }
}
