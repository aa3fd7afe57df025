import IdlintSyntax

/// A GitLab CI job as GitLab runs it, for what the trust edges read: its `extends:`
/// templates in the same file merged under it (a later template over an earlier one, the
/// job over both; `id_tokens` and `variables` merged by name, scripts replaced whole, as
/// GitLab merges), then the pipeline's `default:` for the ID tokens and scripts it still
/// lacks, unless `inherit: {default: false}` (or a list without the key) turns it off. So a job that takes its `id_tokens` and role from a `.aws-oidc` template holds
/// the same edges as one that writes them out. `include:`d files are not read.
struct GitLabJob {
    /// The token definitions by name (`AWS_TOKEN: {aud: ...}`).
    var tokens: [String: Node] = [:]
    /// Variables by name, the pipeline's under the job's.
    var variables: [String: String] = [:]
    /// `before_script`, `script` and `after_script` entries, in that order.
    var scriptEntries: [Node] = []

    /// GitLab stops at eleven levels of `extends`; so does this, which also ends a cycle.
    static let maximumDepth = 11

    init(_ job: Node, in pipeline: Node) {
        var expanded = Set<String>()
        let chain = Self.chain(job, in: pipeline, depth: 0, expanded: &expanded)
        let inherit = chain.lazy.compactMap { $0["inherit"]?["default"] }.first
        func inherits(_ key: String) -> Bool {
            guard let inherit else { return true }
            return inherit.isSequence ? inherit.elements.contains { $0.text == key } : inherit.boolValue != false
        }
        let defaults = pipeline["default"]
        // Lowest priority first, so each later layer overwrites by name.
        for layer in chain.reversed() {
            layer["id_tokens"]?.forEachEntry { name, token in
                tokens[name.text] = token
                return true
            }
        }
        if tokens.isEmpty, inherits("id_tokens") {
            defaults?["id_tokens"]?.forEachEntry { name, token in
                tokens[name.text] = token
                return true
            }
        }
        variables = Self.variables(pipeline["variables"])
        for layer in chain.reversed() {
            variables.merge(Self.variables(layer["variables"])) { $1 }
        }
        for key in ["before_script", "script", "after_script"] {
            let own = chain.lazy.compactMap { $0[key] }.first
            let inherited = key == "script" || !inherits(key) ? nil : (defaults?[key] ?? pipeline[key])
            if let entries = own ?? inherited {
                scriptEntries += entries.isScalar ? [entries] : entries.elements.filter(\.isScalar)
            }
        }
    }

    /// The job, then what it extends, nearest first: with `extends: [.a, .b]`, `.b` wins over `.a`.
    /// Each template is expanded once: the depth bounds a chain, not a tree, and a
    /// template that lists itself ten times would otherwise be read ten to the eleventh times.
    private static func chain(_ job: Node, in pipeline: Node, depth: Int, expanded: inout Set<String>) -> [Node] {
        guard depth < maximumDepth, let extends = job["extends"] else { return [job] }
        let names = extends.isScalar ? [extends.text] : extends.elements.filter(\.isScalar).map(\.text)
        var layers = [job]
        for name in names.reversed() where expanded.insert(name).inserted {
            guard let template = pipeline[name], template.isMapping else { continue }
            layers += chain(template, in: pipeline, depth: depth + 1, expanded: &expanded)
        }
        return layers
    }

    /// Variables by name; GitLab also writes one as `{value: ..., description: ...}`.
    static func variables(_ node: Node?) -> [String: String] {
        var found: [String: String] = [:]
        node?.forEachEntry { name, value in
            if let text = value.isMapping ? value.string("value") : (value.isScalar && !value.isNull ? value.text : nil) {
                found[name.text] = text
            }
            return true
        }
        return found
    }
}
