import IdlintSyntax

/// A credential as a fact: what kind, whose, where it is written, until when, and an id
/// that tells it apart from others without showing it: a public id where the platform
/// has one (an Entra keyId, a secret's name in CI), else the run-keyed hash of the value
/// (`Redaction.keyedID`). The value itself is never kept.
public struct Credential: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case staticKey = "static key"
        case clientSecret = "client secret"
        case password
        case privateKey = "private key"
        case certificate
        case token
        /// A way to get short-lived credentials without holding one (OIDC federation,
        /// a kubeconfig exec plugin): the alternative a static credential replaces.
        case federated = "federated credential"

        public var isStatic: Bool { self != .federated && self != .certificate }
    }

    public var kind: Kind
    public var owner: PrincipalRef
    public var id: String
    /// Where it is kept, for people: "the realm export", "repository secret AWS_SECRET_ACCESS_KEY".
    public var storedIn: String
    /// The last day it is valid (`YYYY-MM-DD`), when the file says.
    public var expires: String?
    public var location: SourceLocation?

    public init(kind: Kind, owner: PrincipalRef, id: String, storedIn: String, expires: String? = nil, location: SourceLocation?) {
        self.kind = kind
        self.owner = owner
        self.id = id
        self.storedIn = storedIn
        self.expires = expires
        self.location = location
    }

    /// This credential as held in the environment of `location` (see `PrincipalRef.held(at:)`).
    func held(at location: SourceLocation?) -> Credential {
        var held = self
        held.owner = owner.held(at: location)
        return held
    }

    /// Owner, kind and id: the same credential on both sides of a change.
    var identity: String { "\(owner.identifier)|\(kind.rawValue)|\(id)" }

    public var description: String {
        "\(kind.rawValue) \(id) in \(storedIn)" + (expires.map { ", valid until \($0)" } ?? "")
    }

    public static func == (lhs: Credential, rhs: Credential) -> Bool { lhs.identity == rhs.identity && lhs.expires == rhs.expires }
    public func hash(into hasher: inout Hasher) { hasher.combine(identity) }

    /// The id for a secret value: its run-keyed hash, never the value.
    static func id(ofSecret value: String) -> String { "hmac:" + Redaction.keyedID(value) }

    /// The day of an ISO 8601 moment (`2027-03-31T00:00:00Z` is `2027-03-31`).
    static func day(_ text: String?) -> String? {
        guard let text, text.count >= 10 else { return nil }
        return String(text.prefix(10))
    }
}
