import FoundationEssentials
import IdlintSyntax

/// What a module's expressions stand for, as far as that is known without state: input
/// variables' defaults, locals, and `aws_iam_policy_document` data sources rendered as
/// the policy JSON they produce. Everything else (resource attributes, module outputs,
/// functions) stays unknown and is never guessed into a finding.
struct TerraformScope: Sendable {
    private(set) var variables: [String: Node] = [:]
    private(set) var locals: [String: Node] = [:]
    /// Rendered policy documents by data source name.
    var policyDocuments: [String: Node] = [:]
    /// Rendered `google_iam_policy` data sources by name (`GCPPolicyDataSource`).
    var gcpPolicies: [String: Node] = [:]
    /// Iterators bound while a `dynamic` block's content is written: name → the
    /// element's key and value.
    var iterators: [String: (key: String, value: Node)] = [:]
    /// Resource bodies by address (`kubernetes_cluster_role_v1.reader`): their literal
    /// attributes are known (`metadata[0].name`), their computed ones (`id`, `arn`) not.
    private(set) var resources: [String: Node] = [:]
    /// The environment the module is read in when it is not its files' own (a module
    /// called from an environment's root): every tree the scope makes is read in it.
    var environment: String?

    /// How many references one evaluation may follow: locals can refer to locals, and a
    /// cycle (invalid Terraform, but possible input) must end.
    static let maxReferenceDepth = 16
    /// The longest text a template may evaluate to.
    static let maxTemplateBytes = 1 << 20

    init() {}

    /// Reads `variable` and `locals` blocks of one `.tf` document.
    mutating func index(_ document: Document) {
        for byName in document.root.values("variable") {
            byName.forEachEntry { name, body in
                if let value = body["default"] { variables[name.text] = value }
                return true
            }
        }
        for block in Self.blocks("resource", in: document) { resources["\(block.type).\(block.name)"] = block.body }
        // Data sources' arguments are written in the configuration, so known like a
        // resource's (`data.keycloak_openid_client.realm_management.client_id`).
        for block in Self.blocks("data", in: document) { resources["data.\(block.type).\(block.name)"] = block.body }
        for block in document.root.values("locals") {
            block.forEachEntry { name, value in
                locals[name.text] = value
                return true
            }
        }
    }

    /// A called module's inputs, set over its variables' defaults: a value (evaluated in
    /// the caller, see `passed`), or nil for an input the caller passes but does not know,
    /// which stays unknown here whatever the default says.
    mutating func bind(_ inputs: [String: Node?]) {
        for (name, value) in inputs { variables[name] = value }
    }

    /// The `resource` or `data` blocks of a document: `kind "type" "name" { body }`.
    static func blocks(_ kind: String, in document: Document) -> [(type: String, name: String, body: Node)] {
        var found: [(type: String, name: String, body: Node)] = []
        for byType in document.root.values(kind) where byType.isMapping {
            byType.forEachEntry { type, byName in
                byName.forEachEntry { name, body in
                    if body.isMapping { found.append((type.text, name.text, body)) }
                    return true
                }
                return true
            }
        }
        return found
    }

    /// What a value resolves to: a literal tree, or text made from a template.
    enum Value {
        case node(Node)
        case text(String)
    }

    /// The value an unevaluated expression stands for, or nil when it is unknown.
    func value(of expression: Node) -> Value? {
        value(of: expression, depth: 0, budget: EvaluationBudget())
    }

    private func value(of expression: Node, depth: Int, budget: EvaluationBudget) -> Value? {
        guard expression.isUnevaluated else { return .node(expression) }
        let text = expression.text
        if text.hasPrefix("yamldecode(") || text.hasPrefix("jsondecode(") {
            return decoded(expression, depth: depth, budget: budget)
        }
        return value(ofText: text, depth: depth, budget: budget)
    }

    /// `yamldecode(<<-EOT ... EOT)` (a manifest written inline) or `jsondecode("...")`
    /// of known text: the document it decodes to, at its own lines when it is a heredoc.
    private func decoded(_ expression: Node, depth: Int, budget: EvaluationBudget) -> Value? {
        let text = expression.text
        guard text.hasSuffix(")") else { return nil }
        let inner = String(text.dropFirst("yamldecode(".count).dropLast()).trimmingWhitespace()
        guard let source = template(inner, depth: depth + 1, keepingUnknown: false, budget: budget) else { return nil }
        var parser: any DocumentParser = YAMLParser()
        if let marker = text.firstRange(of: "<<") {
            // The heredoc's first line is the one after its marker.
            let markerLine = Int(expression.start.line) + text[..<marker.lowerBound].filter { $0 == "\n" }.count
            parser = YAMLParser(shiftedBy: markerLine, columns: Self.heredocIndent(inner))
        } else {
            parser = JSONParser(embeddedAt: expression.span)
        }
        var bytes = Array(source.utf8)
        var parsed: Document?
        try? bytes.withUnsafeMutableBufferPointer { buffer in
            try parser.parse(UnsafeBufferPointer(buffer), file: expression.document.file, limits: .standard) { document in
                if parsed == nil { parsed = document }
            }
        }
        return parsed.map { .node($0.reading(in: environment).root) }
    }

    /// The indentation `<<-` removes from a heredoc's source lines.
    static func heredocIndent(_ source: String) -> Int {
        guard source.hasPrefix("<<-") else { return 0 }
        return Heredoc.dedented(heredocLines(source)).indent
    }

    /// A heredoc's body lines: between the `<<MARKER` line and the closing marker.
    private static func heredocLines(_ source: String) -> [Substring] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        return lines.count >= 2 ? Array(lines.dropFirst().dropLast()) : []
    }

    private func value(ofText text: String, depth: Int, budget: EvaluationBudget) -> Value? {
        guard depth < Self.maxReferenceDepth, budget.spend() else { return nil }
        if text.hasPrefix("\"") || text.hasPrefix("<<") {
            return template(text, depth: depth, keepingUnknown: false, budget: budget).map(Value.text)
        }
        if let choice = conditional(text, depth: depth, budget: budget) { return choice }
        if Self.looksBoolean(text), let truth = boolean(text, depth: depth, budget: budget) { return .text(truth ? "true" : "false") }
        if let result = function(text, depth: depth, budget: budget) { return result }
        if text.hasPrefix("jsonencode("), text.hasSuffix(")") {
            // jsonencode of a reference: the referenced literal is the document.
            return value(ofText: String(text.dropFirst("jsonencode(".count).dropLast()).trimmingWhitespace(), depth: depth + 1, budget: budget)
        }
        // `metadata[0].name` and the older `metadata.0.name` both mean the first (for a
        // block, the only) instance.
        let normalized = text.utf8.contains(UInt8(ascii: "[")) ? text.replacing("[0]", with: "") : text
        let parts = normalized.split(separator: ".", omittingEmptySubsequences: false).map(String.init).filter { $0 != "0" }
        guard parts.count >= 2, parts.allSatisfy(Self.isName) else { return nil }
        var found: Node?
        var rest: ArraySlice<String>
        switch parts[0] {
        case let name where iterators[name] != nil:
            // `statement.value.actions`, `statement.key` inside a dynamic block.
            let bound = iterators[name]!
            switch parts[1] {
            case "key": return parts.count == 2 ? .text(bound.key) : nil
            case "value":
                found = bound.value
                rest = parts[2...]
            default: return nil
            }
        case "var":
            found = variables[parts[1]]
            rest = parts[2...]
        case "local":
            found = locals[parts[1]]
            rest = parts[2...]
        case "data" where parts.count == 4 && parts[1] == "aws_iam_policy_document" && (parts[3] == "json" || parts[3] == "minified_json"):
            return policyDocuments[parts[2]].map(Value.node)
        case "data" where parts.count == 4 && parts[1] == GCPPolicyDataSource.type && parts[3] == "policy_data":
            return gcpPolicies[parts[2]].map(Value.node)
        case "data":
            guard parts.count >= 4, let body = resources["data.\(parts[1]).\(parts[2])"] else { return nil }
            found = body
            rest = parts[3...]
        default:
            // A literal attribute of a resource of this module; never a computed one.
            guard parts.count >= 3, let body = resources["\(parts[0]).\(parts[1])"] else { return nil }
            found = body
            rest = parts[2...]
        }
        // `local.settings.name`: a key of a literal object.
        while var node = found, let key = rest.first {
            if node.isUnevaluated {
                guard case .node(let resolved)? = value(of: node, depth: depth + 1, budget: budget) else { return nil }
                node = resolved
            }
            found = node[key]
            rest = rest.dropFirst()
        }
        guard let found else { return nil }
        return found.isUnevaluated ? value(of: found, depth: depth + 1, budget: budget) : .node(found)
    }

    /// `flag ? a : b` whose condition is known (the usual `count = var.enabled ? 1 : 0`,
    /// or `module.this.enabled && local.create ? 1 : 0` once `local.create` is false):
    /// the chosen branch, when it is a literal or a reference.
    private func conditional(_ text: String, depth: Int, budget: EvaluationBudget) -> Value? {
        guard text.utf8.contains(UInt8(ascii: "?")), let question = Self.topLevel(text, " ? ").first,
              let colon = Self.topLevel(String(text[question.upperBound...]), " : ").first else { return nil }
        let rest = String(text[question.upperBound...])
        let condition = String(text[..<question.lowerBound])
        guard let chosen = boolean(condition, depth: depth + 1, budget: budget) else { return nil }
        let branch = (chosen ? rest[..<colon.lowerBound] : rest[colon.upperBound...]).trimmingBlanks()
        if Double(branch) != nil || ["true", "false", "[]", "{}"].contains(branch) { return .text(branch) }
        return value(ofText: branch, depth: depth + 1, budget: budget)
    }

    /// Whether text has the operators of a boolean expression, so that it is worth
    /// reading as one.
    private static func looksBoolean(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for (index, byte) in text.utf8.enumerated() {
            if index == 0, byte == UInt8(ascii: "!") { return true }
            switch (previous, byte) {
            case (UInt8(ascii: "="), UInt8(ascii: "=")), (UInt8(ascii: "!"), UInt8(ascii: "=")),
                 (UInt8(ascii: "&"), UInt8(ascii: "&")), (UInt8(ascii: "|"), UInt8(ascii: "|")):
                return true
            default:
                previous = byte
            }
        }
        return false
    }

    /// A boolean expression over what is known: `&&` is false once one side is false and
    /// `||` true once one side is true, whatever the other (unknown) side is; `!`, `==` and
    /// `!=` over known values; parentheses. Nil when the answer turns on an unknown.
    private func boolean(_ text: String, depth: Int, budget: EvaluationBudget) -> Bool? {
        guard depth < Self.maxReferenceDepth, budget.spend() else { return nil }
        var text = text.trimmingWhitespace()
        while Self.isWrappedInParentheses(text) {
            text = String(text.dropFirst().dropLast()).trimmingBlanks()
        }
        for (separator, dominant) in [(" || ", true), (" && ", false)] {
            let parts = Self.split(text, separator)
            guard parts.count > 1 else { continue }
            var unknown = false
            for part in parts {
                switch boolean(part, depth: depth + 1, budget: budget) {
                case dominant?: return dominant
                case nil: unknown = true
                default: break
                }
            }
            return unknown ? nil : !dominant
        }
        if text.hasPrefix("!"), !text.hasPrefix("!=") { return boolean(String(text.dropFirst()), depth: depth + 1, budget: budget).map { !$0 } }
        for (separator, equal) in [(" == ", true), (" != ", false)] {
            let parts = Self.split(text, separator)
            guard parts.count == 2 else { continue }
            guard let left = scalarText(parts[0], depth: depth + 1, budget: budget), let right = scalarText(parts[1], depth: depth + 1, budget: budget) else { return nil }
            let same = Double(left).flatMap { l in Double(right).map { l == $0 } } ?? (left == right)
            return same == equal
        }
        if text == "true" || text == "false" { return text == "true" }
        switch value(ofText: text, depth: depth + 1, budget: budget) {
        case .text(let result)?: return ["true": true, "false": false][result]
        case .node(let node)?: return node.isUnevaluated ? boolean(node.text, depth: depth + 1, budget: budget) : Self.boolean(node)
        case nil: return nil
        }
    }

    /// A literal (number, quoted string, bool) or a reference to a known scalar, as text.
    private func scalarText(_ text: String, depth: Int, budget: EvaluationBudget) -> String? {
        let text = text.trimmingBlanks()
        if Double(text) != nil || text == "true" || text == "false" || text == "null" { return text }
        switch value(ofText: text, depth: depth, budget: budget) {
        case .text(let result)?: return result
        case .node(let node)? where node.isScalar && !node.isUnevaluated: return node.isNull ? "null" : node.text
        default: return nil
        }
    }

    /// The few functions that decide whether a resource exists: `length`, and the type
    /// conversions `toset`, `tolist`, `tomap`, which keep their argument's content.
    private func function(_ text: String, depth: Int, budget: EvaluationBudget) -> Value? {
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else { return nil }
        let name = text[..<open]
        guard ["length", "toset", "tolist", "tomap"].contains(name) else { return nil }
        let argument = String(text[text.index(after: open)..<text.index(before: text.endIndex)]).trimmingWhitespace()
        guard Self.topLevel(argument, ",").isEmpty else { return nil }
        let inner: Node?
        if argument == "[]" || argument == "{}" {
            return name == "length" ? .text("0") : .text(argument)
        }
        switch value(ofText: argument, depth: depth + 1, budget: budget) {
        case .node(let node)? where !node.isUnevaluated: inner = node
        default: inner = nil
        }
        guard let inner else { return nil }
        if name == "length" { return inner.isScalar ? .text(String(inner.text.count)) : .text(String(inner.count)) }
        return .node(inner)
    }

    /// `( ... )` whose first parenthesis closes at the very end.
    private static func isWrappedInParentheses(_ text: String) -> Bool {
        guard text.hasPrefix("("), text.hasSuffix(")") else { return false }
        var nesting = 0
        for (offset, character) in text.enumerated() {
            if character == "(" { nesting += 1 }
            if character == ")" {
                nesting -= 1
                if nesting == 0 { return offset == text.count - 1 }
            }
        }
        return false
    }

    /// Text split at a separator outside brackets, parentheses and strings.
    private static func split(_ text: String, _ separator: String) -> [String] {
        var parts: [String] = []
        var start = text.startIndex
        for range in topLevel(text, separator) {
            parts.append(String(text[start..<range.lowerBound]))
            start = range.upperBound
        }
        parts.append(String(text[start...]))
        return parts
    }

    /// Where a separator occurs outside brackets, parentheses and strings.
    private static func topLevel(_ text: String, _ separator: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var nesting = 0
        var inString = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if inString {
                if character == "\\" { index = text.index(after: index) } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if "([{".contains(character) {
                nesting += 1
            } else if ")]}".contains(character) {
                nesting -= 1
            } else if nesting == 0, text[index...].hasPrefix(separator) {
                let end = text.index(index, offsetBy: separator.count)
                found.append(index..<end)
                index = end
                continue
            }
            guard index < text.endIndex else { break }
            index = text.index(after: index)
        }
        return found
    }

    /// A boolean written as HCL writes it (`true`/`false`, quoted or not).
    private static func boolean(_ node: Node) -> Bool? {
        guard node.isScalar, !node.isUnevaluated else { return nil }
        return ["true": true, "false": false][node.text]
    }

    /// Whether a resource block declares no instance: `count` that is 0, or `for_each`
    /// over an empty collection, once evaluated. Unknown counts create instances.
    func declaresNoInstance(_ body: Node) -> Bool {
        if let count = body["count"] {
            switch value(of: count) {
            case .text(let text)?: return Double(text) == 0
            case .node(let node)?: return node.isScalar && !node.isUnevaluated && Double(node.text) == 0
            case nil: return false
            }
        }
        if let forEach = body["for_each"], case .node(let node)? = value(of: forEach) {
            return !node.isScalar && node.count == 0
        }
        return false
    }

    /// The text of a quoted template or heredoc whose interpolations are all known
    /// references. With `keepingUnknown`, unknown interpolations stay as written
    /// (`${aws_s3_bucket.b.arn}`), for JSON policies written as heredocs, whose other
    /// parts are still worth reading; without it, one unknown makes the whole unknown.
    func template(_ text: String, keepingUnknown: Bool) -> String? {
        template(text, depth: 0, keepingUnknown: keepingUnknown, budget: EvaluationBudget())
    }

    private func template(_ text: String, depth: Int, keepingUnknown: Bool, budget: EvaluationBudget) -> String? {
        guard let body = Self.templateBody(text) else { return nil }
        let bytes = Array(body.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            // `$${` and `%%{` are a literal `${` and `%{`.
            if byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%"), index + 2 < bytes.count, bytes[index + 1] == byte, bytes[index + 2] == UInt8(ascii: "{") {
                result += [byte, UInt8(ascii: "{")]
                index += 3
                continue
            }
            guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{"), byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%") else {
                result.append(byte)
                index += 1
                continue
            }
            // `%{ if }` directives need an evaluator.
            guard byte == UInt8(ascii: "$"), let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
            let inner = String(decoding: bytes[(index + 2)..<close], as: UTF8.self).trimmingBlanks()
            switch value(ofText: inner, depth: depth + 1, budget: budget) {
            case .text(let text)?: result += Array(text.utf8)
            case .node(let node)? where node.isScalar && !node.isUnevaluated: result += Array(node.text.utf8)
            default:
                guard keepingUnknown else { return nil }
                result += bytes[index...close]
            }
            index = close + 1
            // Templates that grow past any real configuration are a bomb, not a value.
            guard result.count <= Self.maxTemplateBytes else { return nil }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The literal text of a quoted string (escapes decoded) or a heredoc's lines.
    private static func templateBody(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        if bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") {
            var body: [UInt8] = []
            body.reserveCapacity(bytes.count)
            var index = 1
            while index < bytes.count - 1 {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count - 1 {
                    let escaped = bytes[index + 1]
                    body.append(escaped == UInt8(ascii: "n") ? 0x0A : escaped == UInt8(ascii: "t") ? 0x09 : escaped == UInt8(ascii: "r") ? 0x0D : escaped)
                    index += 2
                } else {
                    body.append(byte)
                    index += 1
                }
            }
            return String(decoding: body, as: UTF8.self)
        }
        guard text.hasPrefix("<<"), text.contains("\n") else { return nil }
        let lines = heredocLines(text)
        let body = text.hasPrefix("<<-") ? Heredoc.dedented(lines).text : lines.joined(separator: "\n")
        return body + "\n"
    }

    /// A Terraform identifier (ASCII letters, digits, `_` and `-`, not starting with a digit).
    private static func isName(_ part: String) -> Bool {
        guard let first = part.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return part.utf8.allSatisfy { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}

/// How much one evaluation may do: references that fan out (a template naming a local
/// ten times, whose template names another ten times...) would otherwise take time
/// exponential in their depth. Spent from one thread, for one top-level evaluation.
final class EvaluationBudget {
    private var remaining = 10_000

    func spend() -> Bool {
        remaining -= 1
        return remaining >= 0
    }
}
