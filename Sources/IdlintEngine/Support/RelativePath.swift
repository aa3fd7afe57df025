/// A path below `root`, named relative to it; nil for a path outside it. Reports and
/// the two sides of a change name files this way, so that they line up.
package func relativePath(_ path: String, to root: String) -> String? {
    let prefix = root.hasSuffix("/") ? root : root + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
}

/// A relative path as users write it, without a leading `./` or a trailing `/`, so that
/// `./charts/`, `charts/` and `charts` name the same folder.
package func normalisedRelativePath(_ path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
    while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    return String(trimmed)
}

/// `folder/path` with `.` and `..` taken out, as a path of the scanned tree; nil for an
/// absolute path or one that climbs out of the tree. The tree's top folder may be named
/// `""` or `"."`. Kustomize resources and Terraform module sources are resolved this way.
package func pathInsideTree(_ folder: String, _ path: String) -> String? {
    guard !path.hasPrefix("/") else { return nil }
    var parts: [Substring] = folder.isEmpty || folder == "." ? [] : folder.split(separator: "/", omittingEmptySubsequences: false)
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
        switch part {
        case ".": continue
        case "..":
            guard let last = parts.last, !last.isEmpty, last != ".." else { return nil }
            parts.removeLast()
        default: parts.append(part)
        }
    }
    return parts.joined(separator: "/")
}
