import IdlintSyntax

/// A mistake in one of idlint's own inputs (rule files, catalogs, `.idlint.yaml`),
/// with the file, line and column that need fixing.
public struct DataFileError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var position: SourcePosition?
    public var message: String

    public init(file: String, at position: SourcePosition?, _ message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    init(_ node: Node, _ message: String) {
        self.init(file: node.document.file, at: node.start, message)
    }

    public var description: String {
        if let position { return "\(file):\(position): \(message)" }
        return "\(file): \(message)"
    }

    public var diagnostic: Diagnostic { Diagnostic(.error, file: file, at: position, message) }
}

/// Parses one YAML data file of idlint's own (not a scanned input) into its single document.
enum DataFile {
    static func parse(text: String, path: String, syntax: Syntax = .yaml) throws -> Node {
        var documents: [Document] = []
        var bytes = Array(text.utf8)
        do {
            try bytes.withUnsafeMutableBufferPointer { buffer in
                try syntax.parser.parse(UnsafeBufferPointer(buffer), file: path, limits: .standard) { documents.append($0) }
            }
        } catch let error as SyntaxError {
            throw DataFileError(file: path, at: error.position, error.message)
        }
        guard let document = documents.first, documents.count == 1 else {
            throw DataFileError(file: path, at: nil, "expected exactly one YAML document, found \(documents.count)")
        }
        return document.root
    }
}

/// Typed reads from data-file nodes that fail with the node's position.
extension Node {
    func requireMapping(_ what: String) throws -> Node {
        guard isMapping else { throw DataFileError(self, "\(what) must be a mapping") }
        return self
    }

    func requiredString(_ key: String) throws -> String {
        guard let value = self[key] else { throw DataFileError(self, "missing '\(key)'") }
        guard value.isScalar, !value.isNull, !value.text.isEmpty else { throw DataFileError(value, "'\(key)' must be a non-empty string") }
        return value.text
    }

    func optionalString(_ key: String) throws -> String? {
        guard let value = self[key], !value.isNull else { return nil }
        guard value.isScalar else { throw DataFileError(value, "'\(key)' must be a string") }
        return value.text
    }

    /// A list of strings; a single scalar counts as a list of one.
    func stringList(_ key: String) throws -> [String]? {
        guard let value = self[key], !value.isNull else { return nil }
        return try value.asStringList(key)
    }

    func asStringList(_ what: String) throws -> [String] {
        if isScalar { return [text] }
        guard isSequence else { throw DataFileError(self, "'\(what)' must be a string or a list of strings") }
        return try elements.map { element in
            guard element.isScalar else { throw DataFileError(element, "'\(what)' must hold strings only") }
            return element.text
        }
    }

    func optionalBool(_ key: String) throws -> Bool? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let bool = value.boolValue else { throw DataFileError(value, "'\(key)' must be true or false") }
        return bool
    }

    func stringDictionary(_ key: String) throws -> [String: String] {
        guard let value = self[key], !value.isNull else { return [:] }
        guard value.isMapping else { throw DataFileError(value, "'\(key)' must be a mapping of strings") }
        var result: [String: String] = [:]
        for (entryKey, entryValue) in value.entries {
            guard entryKey.isScalar, entryValue.isScalar else { throw DataFileError(entryKey, "'\(key)' must map strings to strings") }
            result[entryKey.text] = entryValue.text
        }
        return result
    }

    /// Rejects keys that the schema does not know, so typos do not pass silently.
    func allowOnly(_ keys: Set<String>, in what: String) throws {
        for (key, _) in entries where !keys.contains(key.text) {
            throw DataFileError(key, "unknown key '\(key.text)' in \(what); expected one of: \(keys.sorted().joined(separator: ", "))")
        }
    }
}
