import FoundationEssentials
import IdlintSyntax

/// A path into a node tree, the selector of the rule language:
/// `rules[*].verbs[*]`, `metadata.labels["app.kubernetes.io/name"]`, `data.*`,
/// `items[0]`, and alternatives joined with `|`. An empty path is the node itself; an
/// alternative written with a leading `$` (`$on`, `rules[*].if | $workflow.rules[*].if`)
/// starts at the object's root instead of where the walk starts, and one written with a
/// leading `^` (`^["$schema"]`) at the root of the document that holds the object, for
/// settings written around it (an ARM template's deployment scope). Paths are walked
/// without building intermediate arrays: rules run on every document.
public struct NodePath: Sendable, CustomStringConvertible {
    enum Step: Sendable, Equatable {
        case key(String)
        case anyValue
        case anyElement
        case index(Int)
    }

    struct Alternative: Sendable {
        enum Origin: Sendable {
            /// Where the walk starts (an `each` candidate, or the object).
            case start
            /// Written with a leading `$`: the object's root.
            case object
            /// Written with a leading `^`: the root of the object's document.
            case document
        }
        let origin: Origin
        /// The steps as the walk reads them: keys as ranges of one byte pool, so that a
        /// step reads no String and takes no reference (a walk makes millions of steps).
        let compiled: CompiledSteps

        init(steps: [Step], origin: Origin) {
            self.origin = origin
            compiled = CompiledSteps(steps)
        }

        /// The steps as written, keys as text (for checks on the path, not for walking).
        var steps: [Step] { compiled.written }
    }

    struct CompiledSteps: Sendable {
        enum Step: Sendable {
            case key(start: Int32, count: Int32)
            case anyValue
            case anyElement
            case index(Int)
        }

        let steps: [Step]
        let keyBytes: [UInt8]

        init(_ steps: [NodePath.Step]) {
            var keyBytes: [UInt8] = []
            self.steps = steps.map { step in
                switch step {
                case .key(let name):
                    let start = Int32(keyBytes.count)
                    keyBytes.append(contentsOf: name.utf8)
                    return .key(start: start, count: Int32(keyBytes.count) - start)
                case .anyValue: return .anyValue
                case .anyElement: return .anyElement
                case .index(let index): return .index(index)
                }
            }
            self.keyBytes = keyBytes
        }

        var written: [NodePath.Step] {
            steps.map { step in
                switch step {
                case .key(let start, let count): .key(String(decoding: keyBytes[Int(start)..<Int(start + count)], as: UTF8.self))
                case .anyValue: .anyValue
                case .anyElement: .anyElement
                case .index(let index): .index(index)
                }
            }
        }
    }

    public let description: String
    let alternatives: [Alternative]

    /// A node reached by a path, with the key node it sits under, if any.
    public struct Match: Sendable {
        public var node: Node
        public var key: Node?
        /// The walk could not go on: an unevaluated expression stands where the path
        /// needs a mapping or sequence, so what lies beyond is unknown. Only walks that
        /// ask for them (`reportingUnknown`) see such matches.
        public var isBeyondUnknown = false

        public init(node: Node, key: Node?) {
            self.node = node
            self.key = key
        }
    }

    public struct ParseError: Error, Sendable {
        public var message: String
    }

    public init(_ text: String) throws {
        try self.init(text, sets: [:])
    }

    /// A path whose alternatives may name a path set of `sets` (`%redirect-uris`, see
    /// `NodePath.sets(in:)`): its alternatives stand there. A name not in `sets` is an error.
    init(_ text: String, sets: [String: NodePath]) throws {
        description = text
        alternatives = try text.unicodeScalars.split(separator: "|", omittingEmptySubsequences: false).flatMap { part in
            let trimmed = Substring(part).trimmingBlanks()
            if trimmed.hasPrefix(Self.setSigil) { return try Self.set(named: String(trimmed.dropFirst()), in: sets).alternatives }
            let origin: Alternative.Origin = trimmed.hasPrefix("$") ? .object : trimmed.hasPrefix("^") ? .document : .start
            return [Alternative(steps: try Self.parseSteps(origin == .start ? trimmed : String(trimmed.dropFirst())), origin: origin)]
        }
    }

    public static let itself = try! NodePath("")

    /// Whether some alternative steps into a list (`[*]` or `[N]`).
    var stepsIntoLists: Bool {
        alternatives.contains { alternative in
            alternative.steps.contains { step in
                switch step {
                case .anyElement, .index: true
                case .key, .anyValue: false
                }
            }
        }
    }

    /// Calls `body` with every node the path reaches from an object's root until it
    /// returns false; returns false when stopped early.
    @discardableResult
    public func forEach(from root: Node, _ body: (Match) -> Bool) -> Bool {
        forEach(from: Match(node: root, key: nil), root: root, body)
    }

    /// Walks from a match inside the object at `root`, keeping the match's key for an
    /// empty path (the match itself).
    @discardableResult
    public func forEach(from start: Match, root: Node, reportingUnknown: Bool = false, _ body: (Match) -> Bool) -> Bool {
        for alternative in alternatives {
            let origin = switch alternative.origin {
            case .start: start
            case .object: Match(node: root, key: nil)
            case .document: Match(node: root.document.root, key: nil)
            }
            // An empty path is the match itself, as it came (its key and flags kept).
            if alternative.steps.isEmpty {
                if !body(origin) { return false }
                continue
            }
            let compiled = alternative.compiled
            let finished = compiled.steps.withUnsafeBufferPointer { steps in
                compiled.keyBytes.withUnsafeBufferPointer { keyBytes in
                    Walk(document: origin.node.document, steps: steps, keyBytes: keyBytes, reportingUnknown: reportingUnknown)
                        .step(0, node: origin.node.nodeID, key: origin.key?.nodeID, body)
                }
            }
            if !finished { return false }
        }
        return true
    }

    public func first(from root: Node) -> Match? {
        first(from: Match(node: root, key: nil), root: root)
    }

    public func first(from start: Match, root: Node) -> Match? {
        var found: Match?
        forEach(from: start, root: root) { match in
            found = match
            return false
        }
        return found
    }

    /// One alternative's walk through one document, by node id: views are made only of
    /// the matches handed to `body`, not of every node passed on the way.
    private struct Walk {
        let document: Document
        let steps: UnsafeBufferPointer<CompiledSteps.Step>
        let keyBytes: UnsafeBufferPointer<UInt8>
        let reportingUnknown: Bool

        func step(_ position: Int, node: Int32, key: Int32?, _ body: (Match) -> Bool) -> Bool {
            guard position < steps.count else { return body(Match(node: document.node(node), key: key.map(document.node))) }
            if document.isUnevaluated(node) {
                guard reportingUnknown else { return true }
                var beyond = Match(node: document.node(node), key: key.map(document.node))
                beyond.isBeyondUnknown = true
                return body(beyond)
            }
            let next = position + 1
            switch steps[position] {
            case .key(let start, let count):
                let wanted = UnsafeBufferPointer(rebasing: keyBytes[Int(start)..<Int(start + count)])
                // Where keys repeat, every entry of the key; elsewhere the first is the only one.
                if document.syntax.repeatsKeys {
                    return document.forEachEntry(of: node) { entryKey, value in
                        document.scalar(entryKey, equals: wanted) ? step(next, node: value, key: entryKey, body) : true
                    }
                }
                guard let entry = document.entry(of: node, key: wanted) else { return true }
                return step(next, node: entry.value, key: entry.key, body)
            case .anyValue:
                return document.forEachEntry(of: node) { entryKey, value in step(next, node: value, key: entryKey, body) }
            case .anyElement:
                return document.forEachElement(of: node) { element in step(next, node: element, key: key, body) }
            case .index(let wanted):
                guard let element = document.element(of: node, at: wanted) else { return true }
                return step(next, node: element, key: key, body)
            }
        }
    }

    private static func parseSteps(_ text: String) throws -> [Step] {
        var steps: [Step] = []
        // Bytes, not Characters or scalars: every sign the syntax uses is ASCII, which no
        // byte of a multi-byte UTF-8 sequence is, and names are copied out whole. Paths
        // are read for every rule at start-up.
        let bytes = Array(text.utf8)
        var index = 0
        var nameStart = 0
        func flushName(upTo end: Int) {
            guard end > nameStart else { return }
            let key = String(decoding: bytes[nameStart..<end], as: UTF8.self)
            steps.append(key == "*" ? .anyValue : .key(key))
        }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "."):
                flushName(upTo: index)
                index += 1
                nameStart = index
            case UInt8(ascii: "["):
                flushName(upTo: index)
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "]")) else {
                    throw ParseError(message: "unclosed '[' in path '\(text)'")
                }
                let inside = String(decoding: bytes[(index + 1)..<close], as: UTF8.self).trimmingBlanks()
                if inside == "*" {
                    steps.append(.anyElement)
                } else if let number = Int(inside) {
                    steps.append(.index(number))
                } else if inside.count >= 2, let first = inside.first, first == "\"" || first == "'", inside.last == first {
                    steps.append(.key(String(inside.dropFirst().dropLast())))
                } else {
                    throw ParseError(message: "'[\(inside)]' in path '\(text)' must be [*], a number, or a quoted key")
                }
                index = close + 1
                nameStart = index
            default:
                index += 1
            }
        }
        flushName(upTo: bytes.count)
        return steps
    }
}
