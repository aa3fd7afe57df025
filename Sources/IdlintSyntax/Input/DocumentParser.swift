/// Turns a file's bytes into positioned documents. One implementation per syntax.
public protocol DocumentParser: Sendable {
    /// Parses `bytes` and hands each document to `emit` in order. Throws `SyntaxError`
    /// for malformed or refused input; documents emitted before the error stand.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String, limits: ParseLimits, emit: (Document) throws -> Void) throws
}

extension Syntax {
    public var parser: any DocumentParser {
        switch self {
        case .yaml: YAMLParser()
        case .json: JSONParser()
        case .xml: XMLParser()
        case .hcl: HCLParser()
        case .toml: TOMLParser()
        }
    }

    /// The syntax of a file: from its name, else from its first non-blank byte.
    /// Whether a mapping may repeat a key: XML repeats it for each child element of
    /// that name, HCL for each block of that type. YAML and JSON refuse duplicates.
    public var repeatsKeys: Bool { self == .xml || self == .hcl }

    public init(fileName: String, contents: [UInt8]) {
        if let named = Syntax(fileName: fileName) {
            self = named
            return
        }
        switch contents.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
        case UInt8(ascii: "{"), UInt8(ascii: "["): self = .json
        case UInt8(ascii: "<"): self = .xml
        default: self = .yaml
        }
    }

    /// The syntax a file name implies, or nil when the name says nothing we read.
    public init?(fileName: String) {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") {
            self = .yaml
        } else if lowered.hasSuffix(".json") || lowered.hasSuffix(".jsonc") || lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") {
            self = .json
        } else if lowered.hasSuffix(".xml") {
            self = .xml
        } else if lowered.hasSuffix(".tf") {
            self = .hcl
        } else if lowered.hasSuffix(".toml") {
            self = .toml
        } else {
            return nil
        }
    }
}
