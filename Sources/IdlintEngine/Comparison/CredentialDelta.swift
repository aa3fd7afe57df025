/// What a change does to credentials: added, removed, valid for longer, and a federated
/// credential replaced by a static one (the change the issue tracker calls the worst
/// kind of harmless-looking). Credentials are matched by owner, kind and id.
public struct CredentialChange: Sendable {
    public enum Change: String, Sendable {
        case added, removed
        /// Its end date moved later, or it no longer has one.
        case extended
        /// The owner had only federated credentials and now holds a static one.
        case federatedReplacedByStatic = "federated replaced by static"
    }

    public var change: Change
    public var credential: Credential
    /// The end date before the change, for `extended`.
    public var previousExpiry: String?

    public var description: String {
        switch change {
        case .added: "\(credential.owner) gains a \(credential.description)"
        case .removed: "\(credential.owner) loses a \(credential.description)"
        case .extended: "\(credential.owner)'s \(credential.kind.rawValue) \(credential.id) is valid longer: \(previousExpiry ?? "?") → \(credential.expires ?? "no end date")"
        case .federatedReplacedByStatic: "\(credential.owner) replaces its federated credential with a \(credential.description)"
        }
    }
}

enum CredentialDelta {
    static func changes(base: [Credential], head: [Credential]) -> [CredentialChange] {
        let before = Dictionary(base.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(head.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [CredentialChange] = []
        for (identity, credential) in after.sorted(by: { $0.key < $1.key }) {
            guard let old = before[identity] else {
                changes.append(CredentialChange(change: .added, credential: credential))
                continue
            }
            if let oldEnd = old.expires, credential.expires.map({ $0 > oldEnd }) ?? true {
                changes.append(CredentialChange(change: .extended, credential: credential, previousExpiry: oldEnd))
            }
        }
        for (identity, credential) in before.sorted(by: { $0.key < $1.key }) where after[identity] == nil {
            changes.append(CredentialChange(change: .removed, credential: credential))
        }
        // An owner that was federated only and now holds a static credential.
        let owners = Set(head.map(\.owner))
        for owner in owners.sorted() {
            let old = base.filter { $0.owner == owner }, new = head.filter { $0.owner == owner }
            guard old.contains(where: { $0.kind == .federated }), !old.contains(where: { $0.kind.isStatic }),
                  let staticOne = new.first(where: { $0.kind.isStatic }) else { continue }
            changes.append(CredentialChange(change: .federatedReplacedByStatic, credential: staticOne))
        }
        return changes
    }
}
