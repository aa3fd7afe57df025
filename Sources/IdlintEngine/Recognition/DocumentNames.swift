import IdlintSyntax

extension Document {
    /// The file's last path component (`.gitlab-ci.yml`).
    var fileName: String {
        file.split(separator: "/").last.map(String.init) ?? file
    }

    /// The file name up to its first dot (`admin-policy`): the name of an object that
    /// carries none of its own, such as a bare policy document.
    var fileStem: String {
        let name = fileName
        return name.split(separator: ".").first.map(String.init) ?? name
    }
}
