import MCP

/// `tools/call` with its params taken as sent. Registered in place of the SDK's
/// `CallTool` (handlers are keyed by method name), because the SDK decodes typed params
/// before it calls the handler: a call without a `name`, or with `arguments` that are
/// not an object, was answered with an internal error before idlint saw it, and so
/// left no line in the call log. `Value` params always decode, so every call reaches
/// idlint, which reads them here and refuses what is malformed with a message.
enum RawCallTool: Method {
    static let name = CallTool.name
    typealias Parameters = Value
    typealias Result = CallTool.Result

    /// The tool's name and arguments, read as the SDK's `CallTool.Parameters` reads
    /// them (`_meta` aside, which no idlint tool uses), or what is wrong with them.
    static func parameters(_ raw: Value) -> Swift.Result<(name: String, arguments: [String: Value]?), ToolFailure> {
        let expected = "tools/call takes params {\"name\": a string, \"arguments\": an object}"
        guard case .object(let params) = raw else {
            return .failure(ToolFailure(raw == .null ? "\(expected); none were given" : "\(expected); the params are not an object"))
        }
        guard let name = params["name"]?.stringValue else {
            return .failure(ToolFailure(params["name"] == nil ? "\(expected); 'name' is missing" : "\(expected); 'name' is not a string"))
        }
        switch params["arguments"] {
        case nil, .null?: return .success((name, nil))
        case .object(let arguments)?: return .success((name, arguments))
        default: return .failure(ToolFailure("\(expected); the 'arguments' of '\(name)' are not an object"))
        }
    }
}
