import Foundation
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
    /// Resource bodies by address (`kubernetes_cluster_role_v1.reader`): their literal
    /// attributes are known (`metadata[0].name`), their computed ones (`id`, `arn`) not.
    private(set) var resources: [String: Node] = [:]

    /// How many references one evaluation may follow: locals can refer to locals, and a
    /// cycle (invalid Terraform, but possible input) must end.
    static let maxReferenceDepth = 16

    init() {}

    /// Reads `variable` and `locals` blocks of one `.tf` document.
    mutating func index(_ document: Document) {
        for byName in document.root.values("variable") {
            byName.forEachEntry { name, body in
                if let value = body["default"] { variables[name.text] = value }
                return true
            }
        }
        for byType in document.root.values("resource") {
            byType.forEachEntry { type, byName in
                byName.forEachEntry { name, body in
                    if body.isMapping { resources["\(type.text).\(name.text)"] = body }
                    return true
                }
                return true
            }
        }
        for block in document.root.values("locals") {
            block.forEachEntry { name, value in
                locals[name.text] = value
                return true
            }
        }
    }

    /// What a value resolves to: a literal tree, or text made from a template.
    enum Value {
        case node(Node)
        case text(String)
    }

    /// The value an unevaluated expression stands for, or nil when it is unknown.
    func value(of expression: Node, depth: Int = 0) -> Value? {
        guard expression.isUnevaluated else { return .node(expression) }
        return value(ofText: expression.text, depth: depth)
    }

    func value(ofText text: String, depth: Int) -> Value? {
        guard depth < Self.maxReferenceDepth else { return nil }
        if text.hasPrefix("\"") || text.hasPrefix("<<") {
            return template(text, depth: depth, keepingUnknown: false).map(Value.text)
        }
        if let choice = conditional(text, depth: depth) { return choice }
        if text.hasPrefix("jsonencode("), text.hasSuffix(")") {
            // jsonencode of a reference: the referenced literal is the document.
            return value(ofText: String(text.dropFirst("jsonencode(".count).dropLast()).trimmingCharacters(in: .whitespacesAndNewlines), depth: depth + 1)
        }
        // `metadata[0].name` and the older `metadata.0.name` both mean the first (for a
        // block, the only) instance.
        let parts = text.replacingOccurrences(of: "[0]", with: "").split(separator: ".", omittingEmptySubsequences: false).map(String.init).filter { $0 != "0" }
        guard parts.count >= 2, parts.allSatisfy(Self.isName) else { return nil }
        var found: Node?
        var rest: ArraySlice<String>
        switch parts[0] {
        case "var":
            found = variables[parts[1]]
            rest = parts[2...]
        case "local":
            found = locals[parts[1]]
            rest = parts[2...]
        case "data" where parts.count == 4 && parts[1] == "aws_iam_policy_document" && (parts[3] == "json" || parts[3] == "minified_json"):
            return policyDocuments[parts[2]].map(Value.node)
        default:
            // A literal attribute of a resource of this module; never a computed one.
            guard parts.count >= 3, let body = resources["\(parts[0]).\(parts[1])"] else { return nil }
            found = body
            rest = parts[2...]
        }
        // `local.settings.name`: a key of a literal object.
        while var node = found, let key = rest.first {
            if node.isUnevaluated {
                guard case .node(let resolved)? = value(of: node, depth: depth + 1) else { return nil }
                node = resolved
            }
            found = node[key]
            rest = rest.dropFirst()
        }
        guard let found else { return nil }
        return found.isUnevaluated ? value(of: found, depth: depth + 1) : .node(found)
    }

    /// `flag ? a : b` whose condition is a known boolean (the usual `count = var.enabled
    /// ? 1 : 0`): the chosen branch, when it is a literal or a reference.
    private func conditional(_ text: String, depth: Int) -> Value? {
        guard let question = text.range(of: " ? "), let colon = text.range(of: " : ", range: question.upperBound..<text.endIndex) else { return nil }
        let condition = text[..<question.lowerBound].trimmingCharacters(in: .whitespaces)
        guard case .node(let flag)? = value(ofText: condition, depth: depth + 1), let chosen = flag.boolValue ?? Self.boolean(flag) else { return nil }
        let branch = (chosen ? text[question.upperBound..<colon.lowerBound] : text[colon.upperBound...]).trimmingCharacters(in: .whitespaces)
        guard !branch.contains("?") else { return nil }
        if Double(branch) != nil || ["true", "false"].contains(branch) { return .text(branch) }
        return value(ofText: branch, depth: depth + 1)
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
    func template(_ text: String, depth: Int, keepingUnknown: Bool) -> String? {
        guard let body = Self.templateBody(text), !body.contains("%{") else { return nil }
        var result = ""
        var rest = Substring(body)
        while let open = rest.range(of: "${") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { return nil }
            let inner = rest[open.upperBound..<close].trimmingCharacters(in: .whitespaces)
            switch value(ofText: inner, depth: depth + 1) {
            case .text(let text)?: result += text
            case .node(let node)? where node.isScalar && !node.isUnevaluated: result += node.text
            default:
                guard keepingUnknown else { return nil }
                result += rest[open.lowerBound...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The literal text of a quoted string (escapes decoded) or a heredoc's lines.
    private static func templateBody(_ text: String) -> String? {
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
            var body = ""
            var escaped = false
            for character in text.dropFirst().dropLast() {
                if escaped {
                    switch character {
                    case "n": body.append("\n")
                    case "t": body.append("\t")
                    case "r": body.append("\r")
                    default: body.append(character)
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    body.append(character)
                }
            }
            return body
        }
        guard text.hasPrefix("<<") else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard lines.count >= 2 else { return nil }
        let indented = text.hasPrefix("<<-")
        lines.removeFirst()
        lines.removeLast()
        guard indented else { return lines.joined(separator: "\n") + "\n" }
        let common = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { $0.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
        return lines.map { String($0.dropFirst(min(common, $0.prefix { $0 == " " || $0 == "\t" }.count))) }.joined(separator: "\n") + "\n"
    }

    private static func isName(_ part: String) -> Bool {
        guard let first = part.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return part.unicodeScalars.allSatisfy { $0 == "_" || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }
}
