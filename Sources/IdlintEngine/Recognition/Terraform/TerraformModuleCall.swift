import IdlintSyntax

/// A `module "name" { source = "..." ... }` block, and the module folder it calls when
/// that is one of the scan's: only a local path (`./`, `../`) inside the scanned tree is
/// followed. Registry, git and URL sources are never fetched (idlint opens no connection
/// and runs no program), and a path that leaves the scanned tree is not read.
struct TerraformModuleCall: Sendable {
    /// Where a call leads.
    enum Target: Sendable, Equatable {
        /// A folder of the scan that holds `.tf` files, named as `TerraformModule.directory` names it.
        case module(String)
        /// Not followed; the reason completes the note that names the call.
        case unread(String)
    }

    let name: String
    /// The block's arguments: the inputs, `source`, `count`, `for_each` ...
    let body: Node
    /// Where the block names the call (its label).
    let place: SourceLocation

    /// The module blocks of one `.tf` document.
    static func calls(in document: Document) -> [TerraformModuleCall] {
        var calls: [TerraformModuleCall] = []
        for byName in document.root.values("module") where byName.isMapping {
            byName.forEachEntry { name, body in
                if body.isMapping { calls.append(TerraformModuleCall(name: name.text, body: body, place: name.location)) }
                return true
            }
        }
        return calls
    }

    /// The folder the call's source names, resolved against `directory` (the caller's),
    /// when it is among `modules`, the scan's module folders.
    func target(from directory: String, modules: Set<String>) -> Target {
        guard let source = body["source"], source.isScalar, !source.isUnevaluated, !source.isNull else {
            return .unread("has no literal source")
        }
        let path = source.text
        guard path == "." || path == ".." || path.hasPrefix("./") || path.hasPrefix("../") else {
            return .unread("calls '\(path)', a registry, git or remote source: it is not fetched (idlint opens no connection)")
        }
        guard let joined = pathInsideTree(directory, path) else {
            return .unread("calls '\(path)', outside the scanned folder: it is not read")
        }
        let folder = joined.isEmpty ? "." : joined
        guard modules.contains(folder) else {
            return .unread("calls '\(path)', which is not among the scanned folders with .tf files (outside the scanned folder, excluded or missing)")
        }
        return .module(folder)
    }
}
