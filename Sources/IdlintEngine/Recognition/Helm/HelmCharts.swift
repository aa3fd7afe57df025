import IdlintSyntax

/// The default values of the charts among a scan's files: `values.yaml` beside a
/// `templates/` folder. Read from the scan's own inputs (the working tree, or a revision
/// read through git), never from the disk beside them, so both sides of a change are
/// read with their own defaults.
struct HelmCharts: Sendable {
    private var valuesByChart: [String: HelmValues] = [:]
    /// Chart folders: those with a `Chart.yaml` among the scan's files.
    private var charts: Set<String> = []

    init() {}

    init(_ files: [InputFile], limits: ParseLimits, maxBytes: Int) {
        let templated = Set(files.compactMap { Self.chart(ofTemplate: $0.displayPath) })
        guard !templated.isEmpty else { return }
        let paths = Set(files.map(\.displayPath))
        charts = templated.filter { paths.contains($0 + "Chart.yaml") || paths.contains($0 + "Chart.yml") }
        for file in files {
            let path = file.displayPath
            guard path.hasSuffix("values.yaml") || path.hasSuffix("values.yml") else { continue }
            let folder = String(path[..<(path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex)])
            guard templated.contains(folder), ["values.yaml", "values.yml"].contains(String(path.dropFirst(folder.count))) else { continue }
            // A values file that cannot be read is reported where it is scanned itself;
            // here its templates are then read without defaults.
            guard let raw = try? file.read(maxBytes: maxBytes), let text = try? SourceText.prepare(raw) else { continue }
            var root: Node?
            try? text.withUnsafeBufferPointer { bytes in
                try Syntax.yaml.parser.parse(bytes, file: path, limits: limits) { document in
                    if root == nil { root = document.root }
                }
            }
            if let root, root.isMapping { valuesByChart[folder] = HelmValues(root: root) }
        }
    }

    /// Whether a file is a template of a chart the scan holds (its `Chart.yaml` beside
    /// `templates/`): only those are quiet when unreadable, not any YAML in a folder
    /// named `templates` (CloudFormation's, say).
    func isChartTemplate(_ path: String) -> Bool {
        Self.chart(ofTemplate: path).map(charts.contains) ?? false
    }

    /// The defaults of the chart a template belongs to.
    func values(forTemplate path: String) -> HelmValues? {
        Self.chart(ofTemplate: path).flatMap { valuesByChart[$0] }
    }

    /// The chart folder (with its trailing `/`, empty at the top) of a file under a
    /// `templates/` folder.
    static func chart(ofTemplate path: String) -> String? {
        if path.hasPrefix("templates/") { return "" }
        // The last `/templates/`, found from the end: in `a/templates/templates/` the
        // chart is `a/templates/`, where a forward search would stop at `a/`.
        let bytes = Array(path.utf8), marker = Array("/templates/".utf8)
        guard bytes.count >= marker.count,
              let start = stride(from: bytes.count - marker.count, through: 0, by: -1).first(where: { bytes[$0..<$0 + marker.count].elementsEqual(marker) })
        else { return nil }
        return String(decoding: bytes[...start], as: UTF8.self)
    }
}
