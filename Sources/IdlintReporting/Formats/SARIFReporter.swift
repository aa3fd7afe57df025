import IdlintEngine
import IdlintSyntax

/// SARIF 2.1.0 for code scanning: rules with Markdown help and `security-severity`,
/// control ids as tags, exact regions in Unicode code points, relative URIs against
/// `%SRCROOT%`, and `partialFingerprints` that survive unrelated edits. Files that could
/// not be parsed appear both as error results and as tool execution notifications.
public struct SARIFReporter: Reporter {
    /// Rule id of the results that stand for unreadable inputs.
    public static let inputErrorRuleID = "IDLINT-INPUT-ERROR"
    static let sourceRootID = "%SRCROOT%"

    public init() {}

    public func render(_ input: ReportInput) -> String {
        let rules = input.result.rules.sorted { $0.id < $1.id }
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in rules.enumerated() { ruleIndex[rule.id] = index }
        let errors = input.result.diagnostics.filter { $0.level == .error }
        let taxonomies = Self.taxonomies(for: rules, library: input.library)
        var descriptors = rules.map { descriptor(for: $0, input: input, taxonomyIndex: taxonomies.index) }
        if !errors.isEmpty {
            ruleIndex[Self.inputErrorRuleID] = descriptors.count
            descriptors.append(inputErrorDescriptor)
        }
        var results = input.result.findings.map { result(for: $0, ruleIndex: ruleIndex) }
        results += errors.map { errorResult($0, ruleIndex: ruleIndex[Self.inputErrorRuleID]!) }

        let run = JSONValue.object([
            ("tool", .object([("driver", .object([
                ("name", .string("idlint")),
                ("version", .string(input.toolVersion)),
                ("semanticVersion", .string(input.toolVersion)),
                ("informationUri", .string(IdlintVersion.informationURI)),
                ("rules", .array(descriptors)),
            ]))])),
            ("invocations", .array([.object([
                ("executionSuccessful", .bool(true)),
                ("toolExecutionNotifications", .array(input.result.diagnostics.map(notification))),
            ])])),
            ("originalUriBaseIds", .object([(Self.sourceRootID, .object([("uri", .string(Self.fileURI(directory: input.sourceRoot)))]))])),
            ("columnKind", .string("unicodeCodePoints")),
            ("taxonomies", .array(taxonomies.components)),
            ("results", .array(results)),
        ])
        let log = JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        return log.serialized() + "\n"
    }

    /// The framework catalogs the rules name, as SARIF taxonomies holding the controls
    /// they name, and where each catalog sits in the list (for the rules' relationships).
    static func taxonomies(for rules: [Rule], library: RuleLibrary) -> (components: [JSONValue], index: [String: Int]) {
        var named: [String: Set<String>] = [:]
        for rule in rules {
            for control in rule.controls {
                if let (catalog, id) = Catalog.split(control) { named[catalog, default: []].insert(id) }
            }
        }
        var components: [JSONValue] = []
        var index: [String: Int] = [:]
        for catalog in library.catalogs where named[catalog.id] != nil {
            let wanted = named[catalog.id]!
            index[catalog.id] = components.count
            components.append(.compactObject([
                ("name", .string(catalog.id)),
                ("fullName", .string(catalog.title)),
                ("version", .string(catalog.version)),
                ("informationUri", catalog.source.hasPrefix("http") ? .string(catalog.source.split(separator: " ").first.map(String.init) ?? catalog.source) : nil),
                ("isComprehensive", .bool(false)),
                ("taxa", .array(catalog.controls.filter { wanted.contains($0.id) }.map { control in
                    .object([("id", .string(control.id)), ("shortDescription", .object([("text", .string(control.title))]))])
                })),
            ]))
        }
        return (components, index)
    }

    private func descriptor(for rule: Rule, input: ReportInput, taxonomyIndex: [String: Int]) -> JSONValue {
        let controls = rule.controls
        let help = """
        **\(rule.title)** (\(rule.severity.rawValue))

        \(rule.rationale)

        **Remediation:** \(rule.remediation)

        **Controls:** \(controls.joined(separator: ", "))
        """
        return .compactObject([
            ("id", .string(rule.id)),
            ("name", .string(Self.pascalCase(rule.title))),
            ("helpUri", rule.helpURI.map(JSONValue.string)),
            ("shortDescription", .object([("text", .string(rule.title))])),
            ("fullDescription", .object([("text", .string(rule.rationale))])),
            ("help", .object([("text", .string("\(rule.rationale) Remediation: \(rule.remediation)")), ("markdown", .string(help))])),
            ("defaultConfiguration", .object([("level", .string(Self.level(rule.severity)))])),
            ("relationships", .array(controls.compactMap { control -> JSONValue? in
                guard let (catalog, id) = Catalog.split(control), let index = taxonomyIndex[catalog] else { return nil }
                return .object([
                    ("target", .object([("id", .string(id)), ("toolComponent", .object([("name", .string(catalog)), ("index", .integer(index))]))])),
                    ("kinds", .array([.string("relevant")])),
                ])
            })),
            ("properties", .object([
                ("tags", .array((["security", "identity", rule.family] + controls).map(JSONValue.string))),
                ("security-severity", .string(rule.severity.securityScore)),
                ("precision", .string("high")),
                ("problem.severity", .string(rule.severity >= .high ? "error" : rule.severity == .medium ? "warning" : "recommendation")),
            ])),
        ])
    }

    private var inputErrorDescriptor: JSONValue {
        .object([
            ("id", .string(Self.inputErrorRuleID)),
            ("name", .string("UnreadableInput")),
            ("shortDescription", .object([("text", .string("Input could not be parsed"))])),
            ("fullDescription", .object([("text", .string("idlint could not parse this file, so none of its identity configuration was checked. An unreadable policy is not a safe one."))])),
            ("help", .object([("text", .string("Fix the syntax error at the reported position, or exclude the file if it is not configuration."))])),
            ("defaultConfiguration", .object([("level", .string("error"))])),
            ("properties", .object([("tags", .array([.string("idlint")]))])),
        ])
    }

    private func result(for finding: Finding, ruleIndex: [String: Int]) -> JSONValue {
        .compactObject([
            ("ruleId", .string(finding.ruleID)),
            ("ruleIndex", ruleIndex[finding.ruleID].map(JSONValue.integer)),
            ("level", .string(Self.level(finding.severity))),
            ("message", .object([("text", .string(finding.message))])),
            ("locations", .array([.object([("physicalLocation", Self.physicalLocation(finding.location))])])),
            ("relatedLocations", finding.relatedLocations.isEmpty ? nil : .array(finding.relatedLocations.enumerated().map { index, related in
                .object([
                    ("id", .integer(index + 1)),
                    ("physicalLocation", Self.physicalLocation(related.location)),
                    ("message", .object([("text", .string(related.message))])),
                ])
            })),
            ("partialFingerprints", .object([("idlintFingerprint/v1", .string(finding.fingerprint))])),
            ("baselineState", finding.baselineState.map { .string($0.rawValue) }),
            ("suppressions", finding.suppression.map { suppression in
                .array([.compactObject([
                    ("kind", .string(suppression.kind == .inSource ? "inSource" : "external")),
                    ("status", .string("accepted")),
                    ("justification", .string(suppression.justification
                        + (suppression.owner.map { " (owner: \($0))" } ?? "") + (suppression.expires.map { " (expires \($0))" } ?? ""))),
                    ("location", suppression.source.map { .object([("physicalLocation", Self.physicalLocation($0))]) }),
                ])])
            }),
            ("properties", .compactObject([
                ("severity", .string(finding.severity.rawValue)),
                ("principal", finding.principal.map(JSONValue.string)),
                ("environment", finding.environment.map(JSONValue.string)),
                ("evidence", finding.evidence.map(JSONValue.string)),
            ])),
        ])
    }

    private func errorResult(_ diagnostic: Diagnostic, ruleIndex: Int) -> JSONValue {
        .object([
            ("ruleId", .string(Self.inputErrorRuleID)),
            ("ruleIndex", .integer(ruleIndex)),
            ("level", .string("error")),
            ("message", .object([("text", .string(diagnostic.message))])),
            ("locations", .array([.object([("physicalLocation", Self.physicalLocation(file: diagnostic.file, position: diagnostic.position))])])),
        ])
    }

    private func notification(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("level", .string(diagnostic.level == .note ? "note" : diagnostic.level.rawValue)),
            ("message", .object([("text", .string(diagnostic.message))])),
            ("locations", .array([.object([("physicalLocation", Self.physicalLocation(file: diagnostic.file, position: diagnostic.position))])])),
        ])
    }

    static func physicalLocation(_ location: SourceLocation) -> JSONValue {
        let span = location.span
        var region: [(String, JSONValue)] = [
            ("startLine", .integer(Int(span.start.line))),
            ("startColumn", .integer(Int(span.start.column))),
        ]
        if span.end > span.start {
            region.append(("endLine", .integer(Int(span.end.line))))
            region.append(("endColumn", .integer(Int(span.end.column))))
        }
        return .object([("artifactLocation", artifactLocation(location.file)), ("region", .object(region))])
    }

    static func physicalLocation(file: String, position: SourcePosition?) -> JSONValue {
        var members: [(String, JSONValue)] = [("artifactLocation", artifactLocation(file))]
        if let position {
            members.append(("region", .object([("startLine", .integer(Int(max(position.line, 1)))), ("startColumn", .integer(Int(max(position.column, 1))))])))
        }
        return .object(members)
    }

    static func artifactLocation(_ file: String) -> JSONValue {
        if file.hasPrefix("/") {
            return .object([("uri", .string("file://" + percentEncoded(file)))])
        }
        return .object([("uri", .string(percentEncoded(file))), ("uriBaseId", .string(sourceRootID))])
    }

    static func fileURI(directory: String) -> String {
        let path = directory.hasSuffix("/") ? directory : directory + "/"
        return "file://" + percentEncoded(path)
    }

    /// Percent-encodes everything but unreserved characters and `/`.
    static func percentEncoded(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return output
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    static func pascalCase(_ title: String) -> String {
        title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
