/// Which environment (cluster, account, realm) a file configures, read from its place in
/// the tree: `overlays/staging/…`, `envs/prod/…`, `clusters/eu-1/…`, or a folder named
/// like one (`staging/`, `production/`). A file in no such folder is shared: its objects
/// may reach every environment. Two definitions of one object in one environment are
/// both possible (whichever is applied last wins), so resolution keeps both; definitions
/// in different environments never meet.
public struct Environment: Hashable, Sendable {
    /// Empty for a shared file.
    public let name: String

    static let shared = Environment(name: "")

    /// Folders whose child names an environment.
    static let parents: Set<String> = ["overlays", "envs", "environments", "clusters", "accounts", "stages", "regions"]
    /// Folder names that are an environment themselves.
    static let names: Set<String> = ["dev", "development", "staging", "stage", "stg", "qa", "uat", "preprod",
                                     "pre-production", "prod", "production", "prd", "sandbox", "live"]

    public static func of(file: String) -> Environment {
        let folders = file.split(separator: "/").dropLast().map { $0.lowercased() }
        for (index, folder) in folders.enumerated() {
            if parents.contains(folder), index + 1 < folders.count { return Environment(name: folders[index + 1]) }
            if names.contains(folder) { return Environment(name: folder) }
        }
        return .shared
    }

    /// What identities of objects and findings carry, so that a dev object copied into prod
    /// is a new object there: empty for a shared file.
    static func qualifier(ofFile file: String?) -> String {
        let name = of(file: file ?? "").name
        return name.isEmpty ? "" : "@env:" + name
    }

    /// Whether objects of the two environments can meet: the same one, or either shared.
    func meets(_ other: Environment) -> Bool {
        self == other || self == .shared || other == .shared
    }
}
