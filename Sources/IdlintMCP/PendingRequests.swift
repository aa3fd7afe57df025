import Foundation
import MCP

/// The requests the server has been handed and has not answered yet, so that the end of
/// input waits for their answers. The SDK answers each request on a task of its own, and
/// its loop (and with it `idlint mcp`) ends as soon as input does: a client that wrote
/// its requests and closed standard input, as `echo ... | idlint mcp` does, got none.
///
/// Requests are known by their ids, read from each message's top level as it arrives and
/// from each line written back, and counted: a file of requests may give them all the
/// same id, and the SDK answers each. A cancellation notification withdraws its request,
/// which MCP says is not to be answered.
final class PendingRequests: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [ID: Int] = [:]
    private var abandoned = false

    /// A message the transport is about to deliver. Only what the SDK answers under the
    /// message's own id is waited for: a request that is whole JSON (the SDK answers a
    /// broken line under an id of its own making) and holds no result or error (such a
    /// line is read as an answer, and answered by nobody).
    func received(_ message: Data) {
        guard let shape = message.withUnsafeBytes({ RequestIDPeek.shape(of: $0.bindMemory(to: UInt8.self)) }),
              let method = shape.method else { return }
        if let id = shape.id {
            guard let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any],
                  object["result"] == nil, object["error"] == nil else { return }
            condition.withLock { waiting[id, default: 0] += 1 }
        } else if method == CancelledNotification.name, let id = Self.cancelledRequest(in: message) {
            answered(id)
        }
    }

    /// A line the transport wrote: when it answers a request, that request is done.
    func sent(_ message: Data) {
        guard let shape = message.withUnsafeBytes({ RequestIDPeek.shape(of: $0.bindMemory(to: UInt8.self)) }),
              shape.method == nil, shape.isAnswer, let id = shape.id else { return }
        answered(id)
    }

    /// Stops any wait: the transport was disconnected, and nothing more will be written.
    func abandon() {
        condition.withLock {
            abandoned = true
            condition.broadcast()
        }
    }

    /// Waits until every request received has been answered, the transport is
    /// disconnected, or `limit` passes; returns how many were left unanswered.
    func waitForAnswers(limit: TimeInterval) -> Int {
        let deadline = Date(timeIntervalSinceNow: limit)
        return condition.withLock {
            while !waiting.isEmpty, !abandoned, condition.wait(until: deadline) {}
            return waiting.values.reduce(0, +)
        }
    }

    private func answered(_ id: ID) {
        condition.withLock {
            guard let count = waiting[id] else { return }
            waiting[id] = count > 1 ? count - 1 : nil
            condition.broadcast()
        }
    }

    private static func cancelledRequest(in message: Data) -> ID? {
        struct Cancellation: Decodable {
            struct Parameters: Decodable { var requestId: ID? }
            var params: Parameters?
        }
        return (try? JSONDecoder().decode(Cancellation.self, from: message))?.params?.requestId
    }
}
