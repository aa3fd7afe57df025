import IdlintSyntax

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

    /// Every finding and principal asks this of its file, so it walks the path's folders
    /// in place: a name longer than any it knows is never lowercased or copied.
    public static func of(file: String) -> Environment {
        let bytes = file.utf8
        guard let folderEnd = bytes.lastIndex(of: UInt8(ascii: "/")) else { return .shared }
        var afterParent = false
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index <= folderEnd {
            if index == folderEnd || bytes[index] == UInt8(ascii: "/") {
                if start < index {
                    if afterParent { return Environment(name: String(file[start..<index]).lowercased()) }
                    if bytes.distance(from: start, to: index) <= longestKnownName {
                        let folder = String(file[start..<index]).lowercased()
                        if parents.contains(folder) {
                            afterParent = true
                        } else if names.contains(folder) {
                            return Environment(name: folder)
                        }
                    }
                }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        return .shared
    }

    /// The environment of a place: the one it is read in (a Kustomize overlay), else its file's.
    public static func of(_ location: SourceLocation) -> Environment {
        location.environment.map { Environment(name: $0) } ?? of(file: location.file)
    }

    /// The qualifier of a place's environment (see `qualifier(ofFile:)`).
    static func qualifier(of location: SourceLocation?) -> String {
        location.map(of)?.qualifier ?? ""
    }

    /// The name as reports show it: nil for a shared file.
    public var displayName: String? {
        name.isEmpty ? nil : name
    }

    /// What identities carry of this environment: `@env:NAME`, or nothing when shared.
    var qualifier: String {
        name.isEmpty ? "" : "@env:" + name
    }

    private static let longestKnownName = parents.union(names).map(\.utf8.count).max() ?? 0

    /// What identities of objects and findings carry, so that a dev object copied into prod
    /// is a new object there: empty for a shared file.
    static func qualifier(ofFile file: String?) -> String {
        of(file: file ?? "").qualifier
    }

    /// Whether objects of the two environments can meet: the same one, or either shared.
    func meets(_ other: Environment) -> Bool {
        self == other || self == .shared || other == .shared
    }
}

/// The environments of places read one after another, most of them in the same file as
/// the one before: the last file's is kept, since reading it from the path copies and
/// lowercases folder names, and reports and analyses ask it of every finding or workload.
public struct LastFileEnvironment {
    private var file: String?
    private var environment = Environment.shared

    public init() {}

    public mutating func of(_ location: SourceLocation) -> Environment {
        guard location.environment == nil else { return Environment.of(location) }
        if file != location.file {
            file = location.file
            environment = Environment.of(file: location.file)
        }
        return environment
    }
}
