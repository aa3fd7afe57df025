import FoundationEssentials
import IdlintSyntax

/// Path sets: alternatives that several rules of a ruleset file walk, written once under
/// the file's top-level `paths:` and named with `%` wherever a path goes, alone or as one
/// alternative among others:
///
///     paths:
///       statements: "Statement | Statement[*]"
///     rules:
///       - ...
///         match: {kinds: [aws.iam.policy], each: "%statements", ...}
///
/// A set belongs to the file that defines it, is a plain path (it names no other set),
/// and a `%name` that the file does not define stops the load at its place.
extension NodePath {
    static let setSigil = "%"

    /// The path sets of a file's `paths:` mapping, by name.
    static func sets(in node: Node) throws -> [String: NodePath] {
        guard node.isMapping else { throw DataFileError(node, "'paths' must be a mapping of names to paths (statements: \"Statement | Statement[*]\")") }
        var sets: [String: NodePath] = [:]
        for (key, value) in node.entries {
            let name = key.text
            guard key.isScalar, !name.isEmpty, name.holdsOnlyLettersDigits(and: "-_") else {
                throw DataFileError(key, "a path set's name may hold only letters, digits, '-' and '_'")
            }
            guard value.isScalar, !value.isNull, !value.text.trimmingBlanks().isEmpty else {
                throw DataFileError(value, "path set \(name) must be a path such as \"Statement | Statement[*]\"")
            }
            do {
                sets[name] = try NodePath(value.text, sets: [:])
            } catch let error as ParseError {
                throw DataFileError(value, "path set \(name): \(error.message)")
            }
        }
        return sets
    }

    /// The set a `%name` alternative names; unknown names are an error, with the one meant.
    static func set(named name: String, in sets: [String: NodePath]) throws -> NodePath {
        if let set = sets[name] { return set }
        let written = setSigil + name
        if sets.isEmpty {
            throw ParseError(message: "'\(written)' names a path set, and none is defined here (path sets are a file's top-level 'paths:', and a set names no other)")
        }
        let hint = Spelling.nearest(name, among: sets.keys).map { "; did you mean \(setSigil)\($0)?" } ?? ""
        throw ParseError(message: "unknown path set '\(written)'\(hint) (this file defines: \(sets.keys.sorted().map { setSigil + $0 }.joined(separator: ", ")))")
    }
}
