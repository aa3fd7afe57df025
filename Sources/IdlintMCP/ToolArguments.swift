import IdlintEngine
import MCP

/// A tool call's arguments, read strictly: a wrong type or an unknown argument is an
/// error that names it, never silently ignored.
struct ToolArguments {
    let values: [String: Value]

    init(_ values: [String: Value]?, allowed: Set<String>) throws {
        self.values = values ?? [:]
        for key in self.values.keys.sorted() where !allowed.contains(key) {
            throw ToolFailure("unknown argument '\(key)'; this tool takes: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func string(_ key: String, maxBytes: Int = 4_096) throws -> String? {
        guard let value = values[key], value != .null else { return nil }
        guard let text = value.stringValue else { throw ToolFailure("'\(key)' must be a string") }
        guard text.utf8.count <= maxBytes else { throw ToolFailure("'\(key)' is longer than \(maxBytes) bytes") }
        return text
    }

    func strings(_ key: String, max: Int) throws -> [String]? {
        guard let value = values[key], value != .null else { return nil }
        guard let list = value.arrayValue else { throw ToolFailure("'\(key)' must be a list of strings") }
        guard list.count <= max else { throw ToolFailure("'\(key)' lists \(list.count) items; at most \(max) are accepted") }
        return try list.map { item in
            guard let text = item.stringValue, text.utf8.count <= 4_096 else { throw ToolFailure("every item of '\(key)' must be a string of at most 4,096 bytes") }
            return text
        }
    }

    /// `[{name, content}]`: files given inline; a nil content (JSON null) where allowed.
    func files(_ key: String, limits: AgentLimits, allowDeletion: Bool) throws -> [(name: String, content: [UInt8]?)]? {
        guard let value = values[key], value != .null else { return nil }
        guard let list = value.arrayValue else { throw ToolFailure("'\(key)' must be a list of {name, content} objects") }
        guard list.count <= limits.maxInlineFiles else {
            throw ToolFailure("'\(key)' holds \(list.count) files; at most \(limits.maxInlineFiles) are accepted")
        }
        var total = 0
        return try list.map { item in
            guard let object = item.objectValue, let name = object["name"]?.stringValue else {
                throw ToolFailure("every item of '\(key)' needs a string 'name'")
            }
            for extra in object.keys where extra != "name" && extra != "content" {
                throw ToolFailure("unknown field '\(extra)' in '\(key)'; each item has 'name' and 'content'")
            }
            let relative = try RootSandbox.checkedRelative(name)
            guard !relative.isEmpty else { throw ToolFailure("'\(name)' names no file") }
            switch object["content"] {
            case .string(let text)?:
                let bytes = Array(text.utf8)
                guard bytes.count <= limits.maxInlineFileBytes else {
                    throw ToolFailure("'\(name)' is \(bytes.count) bytes; at most \(limits.maxInlineFileBytes) are accepted per file")
                }
                total += bytes.count
                guard total <= limits.maxInlineTotalBytes else {
                    throw ToolFailure("the files of '\(key)' exceed \(limits.maxInlineTotalBytes) bytes in all")
                }
                return (relative, bytes)
            case nil, .null?:
                guard allowDeletion else { throw ToolFailure("'\(name)' needs a string 'content'") }
                return (relative, nil)
            default:
                throw ToolFailure("the content of '\(name)' must be a string")
            }
        }
    }
}

/// A tool call that cannot be carried out, with a message for the agent.
struct ToolFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
