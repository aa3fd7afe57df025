import IdlintSyntax

extension Document {
    /// The file's last path component (`.gitlab-ci.yml`).
    var fileName: String {
        Self.fileName(of: file)
    }

    /// A path's last component, for a file not yet parsed (pairing ARM parameter files).
    static func fileName(of path: String) -> String {
        // Asked for every object of a file: found from the end, without splitting the path.
        guard let slash = path.lastIndex(of: "/") else { return path }
        let name = path[path.index(after: slash)...]
        return name.isEmpty ? path : String(name)
    }

    /// The file name up to its first dot (`admin-policy`): the name of an object that
    /// carries none of its own, such as a bare policy document.
    var fileStem: String {
        let name = fileName
        return name.split(separator: ".").first.map(String.init) ?? name
    }
}
