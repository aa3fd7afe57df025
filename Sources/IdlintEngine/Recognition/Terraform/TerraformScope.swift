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
        let inner = String(text.dropFirst("yamldecode(".count).dropLast()).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let source = template(inner, depth: depth + 1, keepingUnknown: false, budget: budget) else { return nil }
        var parser: any DocumentParser = YAMLParser()
        if let marker = text.range(of: "<<") {
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
        return parsed.map { .node($0.root) }
    }

    /// The indentation `<<-` removes from a heredoc's source lines.
    static func heredocIndent(_ source: String) -> Int {
        guard source.hasPrefix("<<-") else { return 0 }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast()
        return lines.filter { $0.contains { $0 != " " && $0 != "\t" && $0 != "\r" } }.map { $0.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
    }

    private func value(ofText text: String, depth: Int, budget: EvaluationBudget) -> Value? {
        guard depth < Self.maxReferenceDepth, budget.spend() else { return nil }
        if text.hasPrefix("\"") || text.hasPrefix("<<") {
            return template(text, depth: depth, keepingUnknown: false, budget: budget).map(Value.text)
        }
        if let choice = conditional(text, depth: depth, budget: budget) { return choice }
        if text.hasPrefix("jsonencode("), text.hasSuffix(")") {
            // jsonencode of a reference: the referenced literal is the document.
            return value(ofText: String(text.dropFirst("jsonencode(".count).dropLast()).trimmingCharacters(in: .whitespacesAndNewlines), depth: depth + 1, budget: budget)
        }
        // `metadata[0].name` and the older `metadata.0.name` both mean the first (for a
        // block, the only) instance.
        let normalized = text.utf8.contains(UInt8(ascii: "[")) ? text.replacingOccurrences(of: "[0]", with: "") : text
        let parts = normalized.split(separator: ".", omittingEmptySubsequences: false).map(String.init).filter { $0 != "0" }
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
                guard case .node(let resolved)? = value(of: node, depth: depth + 1, budget: budget) else { return nil }
                node = resolved
            }
            found = node[key]
            rest = rest.dropFirst()
        }
        guard let found else { return nil }
        return found.isUnevaluated ? value(of: found, depth: depth + 1, budget: budget) : .node(found)
    }

    /// `flag ? a : b` whose condition is a known boolean (the usual `count = var.enabled
    /// ? 1 : 0`): the chosen branch, when it is a literal or a reference.
    private func conditional(_ text: String, depth: Int, budget: EvaluationBudget) -> Value? {
        guard text.utf8.contains(UInt8(ascii: "?")), let question = text.range(of: " ? "), let colon = text.range(of: " : ", range: question.upperBound..<text.endIndex) else { return nil }
        let condition = text[..<question.lowerBound].trimmingCharacters(in: .whitespaces)
        guard case .node(let flag)? = value(ofText: condition, depth: depth + 1, budget: budget), let chosen = flag.boolValue ?? Self.boolean(flag) else { return nil }
        let branch = (chosen ? text[question.upperBound..<colon.lowerBound] : text[colon.upperBound...]).trimmingCharacters(in: .whitespaces)
        guard !branch.contains("?") else { return nil }
        if Double(branch) != nil || ["true", "false"].contains(branch) { return .text(branch) }
        return value(ofText: branch, depth: depth + 1, budget: budget)
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
            let inner = String(decoding: bytes[(index + 2)..<close], as: UTF8.self).trimmingCharacters(in: .whitespaces)
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
