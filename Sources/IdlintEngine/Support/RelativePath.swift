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
