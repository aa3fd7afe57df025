/// JSON with comments (JSONC): the dialect that VS Code and the editors and agents built
/// on it read, with `//` and `/* */` comments and a comma before a closing bracket. It
/// is decided by the file's name and place, never by its content: a policy file or an
/// export stays strict JSON, so a stray comment there is still an error.
public enum JSONWithComments {
    /// Folders whose JSON files their tools read as JSONC: VS Code's workspace settings,
    /// dev containers, and the agents whose settings follow VS Code's (Cursor) or strip
    /// comments before reading (Gemini CLI).
    static let folders: Set<String> = [".vscode", ".devcontainer", ".cursor", ".gemini"]
    /// Files read as JSONC wherever they sit (OpenCode documents comments in its config).
    static let names: Set<String> = ["devcontainer.json", ".devcontainer.json", "opencode.json"]

    public static func allowsComments(in file: String) -> Bool {
        let parts = file.split(separator: "/")
        guard let name = parts.last else { return false }
        if name.lowercased().hasSuffix(".jsonc") || names.contains(String(name)) { return true }
        return parts.dropLast().last.map { folders.contains(String($0)) } ?? false
    }
}
