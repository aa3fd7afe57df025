import Foundation
import MCP

/// The top-level `"id"` of a JSON-RPC message, read from the first bytes of a message
/// that is too large to parse. Answering a refused request with its own id lets the
/// client fail that one call at once instead of waiting for an answer that never
/// comes; JSON-RPC allows a null id only where the id cannot be found.
///
/// Only the structure is followed: nested values and strings are skipped, never
/// decoded, so an `"id"` inside `params` is not mistaken for the request's. An id
/// that lies past the head, or a head that is not a JSON object, gives nil.
enum RequestIDPeek {
    static func id(in head: [UInt8]) -> ID? {
        head.withUnsafeBufferPointer { head in
            var cursor = Cursor(bytes: head)
            guard cursor.take(UInt8(ascii: "{")) else { return nil }
            while let key = cursor.string(), cursor.take(UInt8(ascii: ":")), let value = cursor.value() {
                // Keys are compared as written: an id spelled with escapes is not looked for.
                if head[key].elementsEqual(#""id""#.utf8) {
                    return decode(head[value])
                }
                guard cursor.take(UInt8(ascii: ",")) else { return nil }
            }
            return nil
        }
    }

    /// What the top level of a whole message says: its id, its method, and whether it
    /// is an answer (has a `result` or an `error`). Nil for what is not a JSON object (a
    /// batch, a broken line). Reading stops once an answer's id, or a request's id and
    /// method, are known, so a large result or params is not walked through.
    static func shape(of message: UnsafeBufferPointer<UInt8>) -> MessageShape? {
        var cursor = Cursor(bytes: message)
        guard cursor.take(UInt8(ascii: "{")) else { return nil }
        var shape = MessageShape()
        while let key = cursor.string(), cursor.take(UInt8(ascii: ":")) {
            let name = message[key]
            if name.elementsEqual(#""result""#.utf8) || name.elementsEqual(#""error""#.utf8) {
                shape.isAnswer = true
                if shape.id != nil { return shape }
            }
            guard let value = cursor.value() else { return nil }
            if name.elementsEqual(#""id""#.utf8) {
                shape.id = decode(message[value])
            } else if name.elementsEqual(#""method""#.utf8) {
                shape.method = try? JSONDecoder().decode(String.self, from: Data(message[value]))
            }
            if shape.id != nil, shape.isAnswer || shape.method != nil { return shape }
            guard cursor.take(UInt8(ascii: ",")) else { break }
        }
        return shape
    }

    /// A string or an integer, as MCP's `ID` holds them; null or anything else is no id.
    private static func decode(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> ID? {
        guard !token.elementsEqual("null".utf8) else { return nil }
        return try? JSONDecoder().decode(ID.self, from: Data(token))
    }

    /// A position in the head; every method skips leading white space, and returns
    /// nil where the head ends before the token does.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }

        mutating func skipSpace() {
            while offset < bytes.count, Self.isSpace(bytes[offset]) { offset += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard offset < bytes.count, bytes[offset] == byte else { return false }
            offset += 1
            return true
        }

        /// A string token, quotes included.
        mutating func string() -> Range<Int>? {
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { return nil }
            let start = offset
            offset += 1
            while offset < bytes.count {
                switch bytes[offset] {
                case UInt8(ascii: "\\"): offset += 2
                case UInt8(ascii: "\""): offset += 1; return start..<offset
                default: offset += 1
                }
            }
            return nil
        }

        /// Any value: a string, an object or array (skipped by depth, strings inside
        /// it skipped whole so that their brackets do not count), or a bare scalar.
        mutating func value() -> Range<Int>? {
            skipSpace()
            guard offset < bytes.count else { return nil }
            let start = offset
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                return string()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while offset < bytes.count {
                    switch bytes[offset] {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return nil }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                    default: break
                    }
                    offset += 1
                    if depth == 0 { return start..<offset }
                }
                return nil
            default:
                while offset < bytes.count, !Self.isSpace(bytes[offset]), !",}]".utf8.contains(bytes[offset]) {
                    offset += 1
                }
                // A scalar that runs to the end of the head may have been cut short.
                return offset < bytes.count && offset > start ? start..<offset : nil
            }
        }
    }
}

/// A JSON-RPC message's top level, as `RequestIDPeek.shape(of:)` reads it: a request has
/// a method and an id, a notification a method alone, an answer an id and a result or error.
struct MessageShape: Equatable {
    var id: ID?
    var method: String?
    var isAnswer = false
}
