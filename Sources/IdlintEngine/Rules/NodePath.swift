import IdlintSyntax

/// A path into a node tree, the selector of the rule language:
/// `rules[*].verbs[*]`, `metadata.labels["app.kubernetes.io/name"]`, `data.*`,
/// `items[0]`, and alternatives joined with `|`. An empty path is the node itself.
public struct NodePath: Sendable, CustomStringConvertible {
    enum Step: Sendable, Equatable {
        case key(String)
        case anyValue
        case anyElement
        case index(Int)
    }

    public let description: String
    let alternatives: [[Step]]

    /// A node reached by a path, with the logical path that reached it (for fingerprints)
    /// and the mapping key it sits under, if any.
    public struct Match: Sendable {
        public var node: Node
        public var logicalPath: String
        public var key: String?
    }

    public struct ParseError: Error, Sendable {
        public var message: String
    }

    public init(_ text: String) throws {
        description = text
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        alternatives = try parts.map { try Self.parseSteps(String($0).trimmingSpaces()) }
    }

    public static let itself = try! NodePath("")

    public func select(from node: Node, basePath: String = "") -> [Match] {
        var results: [Match] = []
        for steps in alternatives {
            var current = [Match(node: node, logicalPath: basePath, key: nil)]
            for step in steps {
                var next: [Match] = []
                for match in current {
                    Self.apply(step, to: match, into: &next)
                }
                current = next
                if current.isEmpty { break }
            }
            results += current
        }
        return results
    }

    private static func apply(_ step: Step, to match: Match, into results: inout [Match]) {
        let node = match.node
        switch step {
        case .key(let key):
            if let value = node[key] {
                results.append(Match(node: value, logicalPath: match.logicalPath + "." + key, key: key))
            }
        case .anyValue:
            for (key, value) in node.entries {
                let name = key.text
                results.append(Match(node: value, logicalPath: match.logicalPath + "." + name, key: name))
            }
        case .anyElement:
            for (index, element) in node.elements.enumerated() {
                results.append(Match(node: element, logicalPath: match.logicalPath + "[\(index)]", key: match.key))
            }
        case .index(let index):
            let elements = node.elements
            if index >= 0, index < elements.count {
                results.append(Match(node: elements[index], logicalPath: match.logicalPath + "[\(index)]", key: match.key))
            }
        }
    }

    private static func parseSteps(_ text: String) throws -> [Step] {
        var steps: [Step] = []
        let characters = Array(text)
        var index = 0
        var name = ""
        func flushName() {
            if !name.isEmpty {
                steps.append(name == "*" ? .anyValue : .key(name))
                name = ""
            }
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case ".":
                flushName()
                index += 1
            case "[":
                flushName()
                guard let close = characters[index...].firstIndex(of: "]") else {
                    throw ParseError(message: "unclosed '[' in path '\(text)'")
                }
                let inside = String(characters[(index + 1)..<close]).trimmingSpaces()
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
            default:
                name.append(character)
                index += 1
            }
        }
        flushName()
        return steps
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first?.isWhitespace == true { view.removeFirst() }
        while view.last?.isWhitespace == true { view.removeLast() }
        return String(view)
    }
}
