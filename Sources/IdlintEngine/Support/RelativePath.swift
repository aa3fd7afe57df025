/// A path below `root`, named relative to it; nil for a path outside it. Reports and
/// the two sides of a change name files this way, so that they line up.
public func relativePath(_ path: String, to root: String) -> String? {
    let prefix = root.hasSuffix("/") ? root : root + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
}
