import Logging

/// The MCP SDK's own error reports, as call log lines. The SDK answers a line that is
/// no JSON-RPC message at all (not JSON, or a request without a method) by itself,
/// before any handler runs, and tells only the logger of its transport; handing the
/// transport this logger is what gives such a call its line in the log too.
struct CallLogHandler: LogHandler {
    let callLog: CallLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .error

    init(callLog: CallLog) {
        self.callLog = callLog
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let details = metadata.merging(event.metadata ?? [:]) { $1 }
        let detail = details.keys.sorted().map { "\($0): \(details[$0]!)" }.joined(separator: ", ")
        callLog.record(tool: "(protocol)", arguments: [:], outcome: "refused: \(event.message)" + (detail.isEmpty ? "" : " (\(detail))"), milliseconds: nil)
    }
}
