import IdlintSyntax

extension Document {
    /// The file's last path component (`.gitlab-ci.yml`).
    var fileName: String {
        // Asked for every object of a file: found from the end, without splitting the path.
        guard let slash = file.lastIndex(of: "/") else { return file }
        let name = file[file.index(after: slash)...]
        return name.isEmpty ? file : String(name)
    }

    /// The file name up to its first dot (`admin-policy`): the name of an object that
    /// carries none of its own, such as a bare policy document.
    var fileStem: String {
        let name = fileName
        return name.split(separator: ".").first.map(String.init) ?? name
    }
}
