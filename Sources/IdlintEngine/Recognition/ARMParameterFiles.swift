import IdlintSyntax

/// ARM parameter files (`azuredeploy.parameters.json`, schema `deploymentParameters.json`,
/// values under `parameters.NAME.value`) paired with the templates beside them, so that a
/// template is judged with the values its deployments give it.
///
/// Pairing, within one folder: `NAME.json` takes `NAME.parameters.json`,
/// `NAME.parameters.ENV.json` and `NAME.ENV.parameters.json`; a parameter file named after
/// no template there (`parameters.json`, `prod.parameters.json`) belongs to the folder's
/// template when the folder holds exactly one other JSON file, and to none otherwise
/// (guessing among several would judge one template with another's values).
///
/// A template with several parameter files is judged once per file, each reading an
/// environment named after the file, rather than with the first: dev and prod files give
/// different roles and principals, and a risk that only prod's values make must show, as
/// must the dev one that prod's leave out. A template with none is judged with its
/// defaults, as before. A parameter that a file gives through a Key Vault `reference` is
/// not known, so its default stands. A parameter file that does not parse is an error
/// where it is scanned itself (`IdentityConfigLook` knows it by name and `$schema`): its
/// template is then judged with its defaults, but the scan does not pass.
struct ARMParameterFiles: Sendable {
    struct Paired: Sendable {
        /// The parameter file's display path.
        var file: String
        /// The environment its reading of the template is named by: the file's name
        /// without `.json`.
        var environment: String
        /// Parameter name (lower-cased: ARM names are case-insensitive) → value.
        var values: [String: Node]
    }

    private var byTemplate: [String: [Paired]] = [:]
    /// The parameter files some template was read with: identity configuration idlint
    /// reads, though they hold no object of their own.
    private var used: Set<String> = []

    init() {}

    init(_ files: [InputFile], limits: ParseLimits, maxBytes: Int) {
        let parameterFiles = files.filter { Self.isParameterFileName(Document.fileName(of: $0.displayPath)) }
        guard !parameterFiles.isEmpty else { return }
        let parameterPaths = Set(parameterFiles.map(\.displayPath))
        var jsonByFolder: [String: [String]] = [:]
        for file in files where file.displayPath.lowercased().hasSuffix(".json") && !parameterPaths.contains(file.displayPath) {
            jsonByFolder[KustomizeTree.folder(of: file.displayPath), default: []].append(file.displayPath)
        }
        for file in parameterFiles.sorted(by: { $0.displayPath < $1.displayPath }) {
            let folder = KustomizeTree.folder(of: file.displayPath)
            let siblings = jsonByFolder[folder] ?? []
            guard let template = Self.template(for: Document.fileName(of: file.displayPath), among: siblings),
                  let values = Self.values(file, limits: limits, maxBytes: maxBytes) else { continue }
            let environment = String(Document.fileName(of: file.displayPath).dropLast(".json".count))
            byTemplate[template, default: []].append(Paired(file: file.displayPath, environment: environment, values: values))
            used.insert(file.displayPath)
        }
    }

    /// Whether a template was read with this file's values.
    func isUsed(_ path: String) -> Bool {
        used.contains(path)
    }

    /// The parameter files that give a template its values, in path order.
    func files(forTemplate path: String) -> [Paired] {
        byTemplate[path] ?? []
    }

    /// `*.parameters.json`, `*.parameters.*.json` and `parameters.json` itself.
    static func isParameterFileName(_ name: String) -> Bool {
        let lower = name.lowercased()
        guard lower.hasSuffix(".json") else { return false }
        return lower == "parameters.json" || lower.hasSuffix(".parameters.json") || lower.contains(".parameters.")
            || lower.hasPrefix("parameters.")
    }

    /// The template a parameter file belongs to: the sibling whose name it starts with,
    /// else the only sibling.
    private static func template(for parameterName: String, among siblings: [String]) -> String? {
        let lower = parameterName.lowercased()
        let named = siblings.filter { path in
            let stem = Document.fileName(of: path).lowercased().dropLast(".json".count)
            return !stem.isEmpty && lower.hasPrefix(stem + ".")
        }
        // The longest stem: `app.json` and `app.network.json` both prefix `app.network.parameters.json`.
        if let best = named.max(by: { Document.fileName(of: $0).count < Document.fileName(of: $1).count }) { return best }
        return siblings.count == 1 ? siblings[0] : nil
    }

    /// The values a parameter file gives (text, lists and objects alike: a role's
    /// `actions` is a list), or nil when the file is not one.
    private static func values(_ file: InputFile, limits: ParseLimits, maxBytes: Int) -> [String: Node]? {
        // A parameter file that cannot be read is reported where it is scanned itself;
        // here its template is then read with its defaults.
        guard let raw = try? file.read(maxBytes: maxBytes), let text = try? SourceText.prepare(raw) else { return nil }
        var root: Node?
        try? text.withUnsafeBufferPointer { bytes in
            try Syntax.json.parser.parse(bytes, file: file.displayPath, limits: limits) { document in
                if root == nil { root = document.root }
            }
        }
        guard let root, root.isMapping, let parameters = root["parameters"], parameters.isMapping else { return nil }
        let schema = root.string("$schema")?.lowercased()
        let shaped = parameters.entries.allSatisfy { $0.value.isMapping && ($0.value["value"] != nil || $0.value["reference"] != nil) }
        guard schema?.contains("deploymentparameters") == true || (schema == nil && shaped) else { return nil }
        var values: [String: Node] = [:]
        for (name, entry) in parameters.entries {
            if let value = entry["value"], !value.isNull { values[name.text.lowercased()] = value }
        }
        return values
    }
}
