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

    /// Indented for people, or without whitespace (`--compact`) for machines and big logs.
    let pretty: Bool

    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    public func write(_ input: ReportInput, to stream: ReportStream) {
        let rules = input.result.rules.sorted { $0.id < $1.id }
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in rules.enumerated() { ruleIndex[rule.id] = index }
        let errors = input.result.diagnostics.filter { $0.level == .error }
        let taxonomies = Self.taxonomies(for: rules, library: input.library)
        if !errors.isEmpty { ruleIndex[Self.inputErrorRuleID] = rules.count }

        var json = JSONWriter(stream, pretty: pretty)
        json.beginObject()
        json.member("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        json.member("version", "2.1.0")
        json.key("runs")
        json.beginArray()
        json.beginObject()
        json.key("tool")
        json.beginObject()
        json.key("driver")
        json.beginObject()
        json.member("name", "idlint")
        json.member("version", input.toolVersion)
        json.member("semanticVersion", input.toolVersion)
        json.member("informationUri", IdlintVersion.informationURI)
        // Every rule is described in every log, whatever it found: written as they are
        // made, not built as trees first (they were most of a small scan's report).
        json.key("rules")
        json.beginArray()
        for rule in rules { writeDescriptor(for: rule, input: input, taxonomyIndex: taxonomies.index, to: &json) }
        if !errors.isEmpty { json.value(inputErrorDescriptor) }
        json.endArray()
        json.endObject()
        json.endObject()
        json.key("invocations")
        json.beginArray()
        json.beginObject()
        json.member("executionSuccessful", true)
        json.key("toolExecutionNotifications")
        json.beginArray()
        for diagnostic in input.result.diagnostics { writeNotification(diagnostic, to: &json) }
        json.endArray()
        // Coverage: what was read, and what held nothing idlint reads, so that a clean log
        // of files idlint does not understand is not taken for a clean scan.
        let statistics = input.result.statistics
        json.member("properties", .object([
            ("filesScanned", .integer(statistics.filesScanned)),
            ("filesRecognised", .integer(statistics.filesRecognised)),
            ("filesNotRecognised", .array(statistics.filesNotRecognised.map(JSONValue.string))),
            ("pathsExcluded", .array(statistics.pathsExcluded.map(JSONValue.string))),
        ]))
        json.endObject()
        json.endArray()
        json.member("originalUriBaseIds", .object([(Self.sourceRootID, .object([("uri", .string(Self.fileURI(directory: input.sourceRoot)))]))]))
        json.member("columnKind", "unicodeCodePoints")
        json.member("taxonomies", .array(taxonomies.components))
        json.key("results")
        json.beginArray()
        // Findings come sorted by file, whose environment is read from its path once per
        // batch; batches are written on every core.
        let findings = input.result.findings
        let indexOfRule = ruleIndex
        json.elements(count: findings.count, workers: input.workers) { range, json in
            var environments = LastFileEnvironment()
            var uris = LastArtifactURI()
            findings.withUnsafeBufferPointer { findings in
                guard let first = findings.baseAddress else { return }
                for index in range { writeResult(for: first + index, ruleIndex: indexOfRule, environments: &environments, uris: &uris, to: &json) }
            }
        }
        for error in errors { writeErrorResult(error, ruleIndex: ruleIndex[Self.inputErrorRuleID]!, to: &json) }
        json.endArray()
        json.endObject()
        json.endArray()
        json.endObject()
        json.finish()
        stream.write("\n")
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

    private func writeDescriptor(for rule: Rule, input: ReportInput, taxonomyIndex: [String: Int], to json: inout JSONWriter) {
        let controls = rule.controls
        let help = """
        **\(rule.title)** (\(rule.severity.rawValue))

        \(rule.rationale)

        **Remediation:** \(rule.remediation)

        **Controls:** \(controls.joined(separator: ", "))
        """
        json.beginObject()
        json.member("id", rule.id)
        json.member("name", Self.pascalCase(rule.title))
        json.member("helpUri", ifPresent: input.helpURI(of: rule))
        Self.writeText("shortDescription", rule.title, to: &json)
        Self.writeText("fullDescription", rule.rationale, to: &json)
        json.key("help")
        json.beginObject()
        json.member("text", "\(rule.rationale) Remediation: \(rule.remediation)")
        json.member("markdown", help)
        json.endObject()
        json.key("defaultConfiguration")
        json.beginObject()
        json.member("level", Self.level(rule.severity))
        json.endObject()
        json.key("relationships")
        json.beginArray()
        for control in controls {
            guard let (catalog, id) = Catalog.split(control), let index = taxonomyIndex[catalog] else { continue }
            json.beginObject()
            json.key("target")
            json.beginObject()
            json.member("id", id)
            json.key("toolComponent")
            json.beginObject()
            json.member("name", catalog)
            json.member("index", index)
            json.endObject()
            json.endObject()
            json.member("kinds", strings: ["relevant"])
            json.endObject()
        }
        json.endArray()
        json.key("properties")
        json.beginObject()
        json.member("tags", strings: Self.tags(of: rule))
        json.member("security-severity", rule.severity.securityScore)
        json.member("precision", rule.precision.rawValue)
        json.member("problem.severity", rule.severity >= .high ? "error" : rule.severity == .medium ? "warning" : "recommendation")
        json.endObject()
        json.endObject()
    }

    /// A SARIF multiformat message string that holds only text: `{"text": ...}`.
    private static func writeText(_ name: StaticString, _ text: String, to json: inout JSONWriter) {
        json.key(name)
        json.beginObject()
        json.member("text", text)
        json.endObject()
    }

    /// GitHub keeps the first ten tags of a rule and filters alerts by them: `security`
    /// first (it marks the alert a security one), then the family, then the controls in
    /// the rule's own order. Every control stays linked
    /// through the rule's relationships, whatever the tags leave out.
    static let tagLimit = 10

    static func tags(of rule: Rule) -> [String] {
        Array((["security", "identity", rule.family] + rule.controls).prefix(tagLimit))
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

    /// Reads the finding where it lies: a copy of each retained and released every string it holds.
    private func writeResult(for finding: UnsafePointer<Finding>, ruleIndex: [String: Int], environments: inout LastFileEnvironment, uris: inout LastArtifactURI,
                             to json: inout JSONWriter) {
        json.beginObject()
        json.member("ruleId", finding.pointee.ruleID)
        if let index = ruleIndex[finding.pointee.ruleID] { json.member("ruleIndex", index) }
        json.member("level", Self.level(finding.pointee.severity))
        writeMessage(finding.pointee.message, to: &json)
        json.key("locations")
        json.beginArray()
        json.beginObject()
        json.key("physicalLocation")
        Self.writePhysicalLocation(finding.pointee.location, uris: &uris, to: &json)
        json.endObject()
        json.endArray()
        if !finding.pointee.relatedLocations.isEmpty {
            json.key("relatedLocations")
            json.beginArray()
            for index in finding.pointee.relatedLocations.indices {
                json.beginObject()
                json.member("id", index + 1)
                json.key("physicalLocation")
                Self.writePhysicalLocation(finding.pointee.relatedLocations[index].location, uris: &uris, to: &json)
                writeMessage(finding.pointee.relatedLocations[index].message, to: &json)
                json.endObject()
            }
            json.endArray()
        }
        json.key("partialFingerprints")
        json.beginObject()
        json.member("idlintFingerprint/v1", finding.pointee.fingerprint)
        json.endObject()
        json.member("baselineState", ifPresent: finding.pointee.baselineState?.rawValue)
        if let suppression = finding.pointee.suppression {
            json.key("suppressions")
            json.beginArray()
            json.beginObject()
            json.member("kind", suppression.kind == .inSource ? "inSource" : "external")
            json.member("status", "accepted")
            json.member("justification", suppression.justification
                + (suppression.owner.map { " (owner: \($0))" } ?? "") + (suppression.expires.map { " (expires \($0))" } ?? ""))
            if let source = suppression.source {
                json.key("location")
                json.beginObject()
                json.key("physicalLocation")
                Self.writePhysicalLocation(source, uris: &uris, to: &json)
                json.endObject()
            }
            json.endObject()
            json.endArray()
        }
        json.key("properties")
        json.beginObject()
        json.member("severity", finding.pointee.severity.rawValue)
        json.member("principal", ifPresent: finding.pointee.principal)
        json.member("environment", ifPresent: environments.of(finding.pointee.location).displayName)
        json.member("evidence", ifPresent: finding.pointee.evidence)
        json.endObject()
        json.endObject()
    }

    private func writeErrorResult(_ diagnostic: Diagnostic, ruleIndex: Int, to json: inout JSONWriter) {
        json.beginObject()
        json.member("ruleId", Self.inputErrorRuleID)
        json.member("ruleIndex", ruleIndex)
        json.member("level", "error")
        writeMessage(diagnostic.message, to: &json)
        writeLocations(file: diagnostic.file, position: diagnostic.position, to: &json)
        json.endObject()
    }

    private func writeNotification(_ diagnostic: Diagnostic, to json: inout JSONWriter) {
        json.beginObject()
        json.member("level", diagnostic.level == .note ? "note" : diagnostic.level.rawValue)
        writeMessage(diagnostic.message, to: &json)
        writeLocations(file: diagnostic.file, position: diagnostic.position, to: &json)
        json.endObject()
    }

    private func writeMessage(_ text: String, to json: inout JSONWriter) {
        Self.writeText("message", text, to: &json)
    }

    /// The one location of a diagnostic, which may lack a position.
    private func writeLocations(file: String, position: SourcePosition?, to json: inout JSONWriter) {
        json.key("locations")
        json.beginArray()
        json.beginObject()
        json.key("physicalLocation")
        json.beginObject()
        json.key("artifactLocation")
        var uris = LastArtifactURI()
        Self.writeArtifactLocation(file, uris: &uris, to: &json)
        if let position {
            json.key("region")
            json.beginObject()
            json.member("startLine", Int(max(position.line, 1)))
            json.member("startColumn", Int(max(position.column, 1)))
            json.endObject()
        }
        json.endObject()
        json.endObject()
        json.endArray()
    }

    static func writePhysicalLocation(_ location: SourceLocation, uris: inout LastArtifactURI, to json: inout JSONWriter) {
        let span = location.span
        json.beginObject()
        json.key("artifactLocation")
        writeArtifactLocation(location.file, uris: &uris, to: &json)
        json.key("region")
        json.beginObject()
        json.member("startLine", Int(span.start.line))
        json.member("startColumn", Int(span.start.column))
        if span.end > span.start {
            json.member("endLine", Int(span.end.line))
            json.member("endColumn", Int(span.end.column))
        }
        json.endObject()
        json.endObject()
    }

    static func writeArtifactLocation(_ file: String, uris: inout LastArtifactURI, to json: inout JSONWriter) {
        let (uri, isAbsolute) = uris.of(file)
        json.beginObject()
        json.member("uri", uri)
        if !isAbsolute { json.member("uriBaseId", sourceRootID) }
        json.endObject()
    }

    /// A file's URI: absolute paths as `file://` URIs, others relative to `%SRCROOT%`.
    static func uri(of file: String) -> (uri: String, isAbsolute: Bool) {
        file.hasPrefix("/") ? ("file://" + percentEncoded(file), true) : (percentEncoded(file), false)
    }

    static func fileURI(directory: String) -> String {
        let path = directory.hasSuffix("/") ? directory : directory + "/"
        return "file://" + percentEncoded(path)
    }

    /// Percent-encodes everything but unreserved characters and `/`; most paths have
    /// nothing to encode and are returned as they are.
    static func percentEncoded(_ path: String) -> String {
        // Read through the contiguous bytes: iterating a String's UTF-8 view byte by byte
        // was a twentieth of writing a report (every location has a path).
        var path = path
        guard !path.withUTF8({ $0.allSatisfy(isUnreserved) }) else { return path }
        var output = ""
        for byte in path.utf8 {
            if isUnreserved(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return output
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"): true
        default: false
        }
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    static func pascalCase(_ title: String) -> String {
        // Titles are nearly always ASCII: their words are joined byte by byte, without
        // the grapheme and case tables that the general path needs.
        guard title.utf8.allSatisfy({ $0 < 0x80 }) else {
            return title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(title.utf8.count)
        var startsWord = true
        for byte in title.utf8 {
            let isLower = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
            let isWordByte = isLower || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            guard isWordByte else {
                startsWord = true
                continue
            }
            bytes.append(startsWord && isLower ? byte - 32 : byte)
            startsWord = false
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The URI of the file a batch of results named last. Results come sorted by file, and
/// most of their locations are in it, so a path is encoded once per run of results, not
/// at every location (which made a new string each time for an absolute path).
struct LastArtifactURI {
    private var file: String?
    private var uri = (uri: "", isAbsolute: false)

    mutating func of(_ file: String) -> (uri: String, isAbsolute: Bool) {
        if file != self.file {
            self.file = file
            uri = SARIFReporter.uri(of: file)
        }
        return uri
    }
}
