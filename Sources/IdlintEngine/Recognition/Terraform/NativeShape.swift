import IdlintSyntax

/// How a Terraform resource's attributes become the document idlint's rules already
/// read (a Kubernetes manifest, a Keycloak realm export, an Entra manifest): the
/// provider's snake_case attributes and blocks renamed to the native keys, and the
/// provider's defaults written where the native form's absence would mean otherwise.
indirect enum NativeField: Sendable {
    /// An attribute copied under the native key, evaluated as far as the module allows.
    case attribute(String, as: String)
    /// An attribute, or when absent the provider's default (placed on the resource).
    case defaulted(String, as: String, default: String, style: ScalarStyle)
    /// A boolean attribute written as the "true"/"false" text of Keycloak's attributes
    /// maps, or its default when absent.
    case flagText(String, as: String, default: String?)
    /// A value the resource type implies (`kind: ClusterRole`), placed on the resource.
    case constant(String, text: String)
    /// A block written once as a mapping (`metadata {}` → `metadata:`).
    case block(String, as: String, [NativeField])
    /// A repeatable block written as a list of mappings (`rule {}` → `rules:`).
    case blocks(String, as: String, [NativeField])
    /// A mapping assembled from fields of the same body (`attributes:` of a client).
    case group(String, [NativeField])
    /// Fields read from a nested block but written at this level
    /// (`smtp_server { auth { password } }` → `smtpServer.password`).
    case within(String, [NativeField])
    /// true when the nested blocks along the path are written, false when not
    /// (`security_defenses { brute_force_detection {} }` → `bruteForceProtected`).
    case blockPresent([String], as: String)
    /// An attribute whose values are translated (`access_type = "PUBLIC"` →
    /// `publicClient: true`); other values are written unknown.
    case mapped(String, as: String, [String: String])
    /// A Go duration (`"8h"`) written as the seconds the native form holds.
    case seconds(String, as: String)
    /// The entries of a map attribute written at this level (`extra_config` merges
    /// into a Keycloak client's attributes or a broker's config).
    case entries(String)
    /// A map attribute whose values are opaque text (a Secret's data): a value that
    /// still holds an unknown part is unknown as a whole.
    case opaqueMap(String, as: String)
}

/// Writes native documents from resource bodies with the fields above.
struct NativeWriter {
    let scope: TerraformScope

    /// The native document for one resource body; nil when it cannot be composed.
    func document(_ fields: [NativeField], from body: Node) -> Node? {
        scope.compose(in: body.document.file) { composer in
            try write(fields, from: body, into: &composer)
        }
    }

    /// Writes a mapping of `fields` read from `body`.
    func write(_ fields: [NativeField], from body: Node, into composer: inout TreeComposer) throws {
        try composer.begin(.mapping, at: body.start)
        try writeEntries(fields, from: body, into: &composer)
        try composer.end(at: body.span.end)
    }

    func writeEntries(_ fields: [NativeField], from body: Node, into composer: inout TreeComposer) throws {
        let here = SourceSpan(start: body.start, end: body.start)
        for field in fields {
            switch field {
            case .attribute(let name, let key):
                guard let entry = body.entry(name) else { continue }
                try composer.scalar(key, at: entry.key.span)
                try scope.write(entry.value, foreignSpan: nil, into: &composer, depth: 0)
            case .defaulted(let name, let key, let fallback, let style):
                if let entry = body.entry(name) {
                    try composer.scalar(key, at: entry.key.span)
                    try scope.write(entry.value, foreignSpan: nil, into: &composer, depth: 0)
                } else {
                    try composer.scalar(key, at: here)
                    try composer.scalar(fallback, style: style, at: here)
                }
            case .flagText(let name, let key, let fallback):
                if let entry = body.entry(name) {
                    try composer.scalar(key, at: entry.key.span)
                    let value = scope.evaluated(entry.value)
                    if let flag = value.boolValue {
                        try composer.scalar(flag ? "true" : "false", at: entry.value.span)
                    } else {
                        try scope.write(entry.value, foreignSpan: nil, into: &composer, depth: 0)
                    }
                } else if let fallback {
                    try composer.scalar(key, at: here)
                    try composer.scalar(fallback, at: here)
                }
            case .constant(let key, let text):
                try composer.scalar(key, at: here)
                try composer.scalar(text, at: here)
            case .block(let name, let key, let nested):
                guard let block = body.blockBodies(name).first else {
                    try writeDynamic(name, as: key, in: body, into: &composer)
                    continue
                }
                try composer.scalar(key, at: Self.keySpan(name, in: body) ?? block.span)
                try write(nested, from: block, into: &composer)
            case .blocks(let name, let key, let nested):
                let blocks = body.blockBodies(name)
                guard let first = blocks.first else {
                    try writeDynamic(name, as: key, in: body, into: &composer)
                    continue
                }
                try composer.scalar(key, at: Self.keySpan(name, in: body) ?? first.span)
                try composer.begin(.sequence, at: first.start)
                for block in blocks { try write(nested, from: block, into: &composer) }
                try composer.end(at: blocks.last!.span.end)
            case .within(let name, let nested):
                guard let block = body.blockBodies(name).first else { continue }
                try writeEntries(nested, from: block, into: &composer)
            case .blockPresent(let path, let key):
                var found: Node? = body
                var dynamic: Node?
                for name in path {
                    guard let parent = found else { break }
                    dynamic = dynamic ?? parent.values("dynamic").lazy.compactMap { $0.entry(name)?.key }.first
                    found = parent.blockBodies(name).first
                }
                try composer.scalar(key, at: here)
                if found == nil, let dynamic {
                    // Made by a `dynamic` block: whether it exists only state knows.
                    try composer.scalar("dynamic", style: .plain, tag: hclExpressionTag, at: dynamic.span)
                } else {
                    try composer.scalar(found == nil ? "false" : "true", style: .plain, at: found.map { SourceSpan(start: $0.start, end: $0.start) } ?? here)
                }
            case .seconds(let name, let key):
                guard let entry = body.entry(name) else { continue }
                try composer.scalar(key, at: entry.key.span)
                let value = scope.evaluated(entry.value)
                if value.isScalar, !value.isUnevaluated, let seconds = NodeTest.number(value) {
                    try composer.scalar(String(Int(seconds)), style: .plain, at: entry.value.span)
                } else {
                    try scope.write(entry.value, foreignSpan: nil, into: &composer, depth: 0)
                }
            case .entries(let name):
                guard let map = body[name].map(scope.evaluated), map.isMapping else { continue }
                for (key, value) in map.entries {
                    try scope.write(key, foreignSpan: nil, into: &composer, depth: 0)
                    try scope.write(value, foreignSpan: nil, into: &composer, depth: 0)
                }
            case .opaqueMap(let name, let key):
                guard let entry = body.entry(name) else { continue }
                try composer.scalar(key, at: entry.key.span)
                let map = scope.evaluated(entry.value)
                guard map.isMapping else {
                    try scope.write(entry.value, foreignSpan: nil, into: &composer, depth: 0)
                    continue
                }
                try composer.begin(.mapping, at: map.start)
                for (name, value) in map.entries {
                    try scope.write(name, foreignSpan: nil, into: &composer, depth: 0)
                    if !value.isScalar, Self.holdsUnknown(value, depth: 0) {
                        try composer.scalar("encoded", style: .plain, tag: hclExpressionTag, at: value.span)
                    } else {
                        try scope.write(value, foreignSpan: nil, into: &composer, depth: 0)
                    }
                }
                try composer.end(at: map.span.end)
            case .mapped(let name, let key, let table):
                guard let entry = body.entry(name) else { continue }
                try composer.scalar(key, at: entry.key.span)
                let value = scope.evaluated(entry.value)
                if value.isScalar, !value.isUnevaluated, let translated = table[value.text] {
                    try composer.scalar(translated, style: .plain, at: entry.value.span)
                } else {
                    try composer.scalar(entry.value.text, style: .plain, tag: hclExpressionTag, at: entry.value.span)
                }
            case .group(let key, let nested):
                try composer.scalar(key, at: here)
                try composer.begin(.mapping, at: body.start)
                try writeEntries(nested, from: body, into: &composer)
                try composer.end(at: body.start)
            }
        }
    }

    private static func holdsUnknown(_ node: Node, depth: Int) -> Bool {
        if node.isScalar { return node.isUnevaluated }
        return depth > 32 || node.children.contains { holdsUnknown($0, depth: depth + 1) }
    }

    /// Blocks made by `dynamic "name"` are unknown in number and content.
    private func writeDynamic(_ name: String, as key: String, in body: Node, into composer: inout TreeComposer) throws {
        guard let label = body.values("dynamic").lazy.compactMap({ $0.entry(name)?.key }).first else { return }
        try composer.scalar(key, at: label.span)
        try composer.scalar("dynamic \(name)", style: .plain, tag: hclExpressionTag, at: label.span)
    }

    private static func keySpan(_ name: String, in body: Node) -> SourceSpan? {
        body.entry(name)?.key.span
    }
}
