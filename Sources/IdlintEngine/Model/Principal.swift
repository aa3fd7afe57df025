import IdlintSyntax

public enum Platform: String, Sendable, Hashable, CaseIterable, Codable {
    case kubernetes
    case aws
    case gcp
    case azure
    case keycloak
    case entra
    case auth0
    case github
    /// GitLab CI jobs.
    case gitlab
    case mcp
    /// OAuth and OIDC clients registered with a provider idlint does not otherwise model.
    case oidc
    /// SAML identity and service providers, as their metadata describes them.
    case saml
}

/// Who holds permissions: a service account, user, group, role or client, named the
/// way its platform names it.
public struct PrincipalRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var platform: Platform
    /// Platform's own kind: `ServiceAccount`, `User`, `Group` for Kubernetes.
    public var kind: String
    public var name: String
    public var namespace: String?
    /// What identifies the principal when its name is a label people may change (an Entra
    /// application's appId): equal ids are the same principal, renamed or not.
    public var stableID: String? {
        get { rarelySet?.stableID }
        set { rarelySet = Self.rarelySet(stableID: newValue, environment: environment) }
    }
    /// The environment whose grant or credential this is, in the change gate's deltas
    /// (the same account in dev and in prod are two principals); nil in the facts.
    public var environment: String? {
        get { rarelySet?.environment }
        set { rarelySet = Self.rarelySet(stableID: stableID, environment: newValue) }
    }
    /// The stable id and environment in one optional reference: nearly every principal has
    /// neither, and inline they made each reference a third larger (88 bytes, not 64) in
    /// every subject, workload and principal of a large cluster.
    private var rarelySet: RarelySet?

    private final class RarelySet: Sendable {
        let stableID: String?
        let environment: String?

        init(stableID: String?, environment: String?) {
            self.stableID = stableID
            self.environment = environment
        }
    }

    private static func rarelySet(stableID: String?, environment: String?) -> RarelySet? {
        stableID == nil && environment == nil ? nil : RarelySet(stableID: stableID, environment: environment)
    }

    public init(platform: Platform, kind: String, name: String, namespace: String? = nil, stableID: String? = nil) {
        self.platform = platform
        self.kind = kind
        self.name = name
        self.namespace = namespace
        rarelySet = Self.rarelySet(stableID: stableID, environment: nil)
    }

    /// This principal as held in the environment of `location`: the one it is read in
    /// (a Kustomize overlay, a Terraform root that calls the module), else its file's.
    func held(at location: SourceLocation?) -> PrincipalRef {
        var held = self
        let name = location.map(Environment.of)?.name ?? ""
        held.environment = name.isEmpty ? nil : name
        return held
    }

    // Equal when their identifiers are, compared part by part: building both identifiers
    // on every dictionary and set lookup was a tenth of a dense scan's time. (Only names
    // that themselves hold the identifier's separators could tell the two apart.)
    public static func == (lhs: PrincipalRef, rhs: PrincipalRef) -> Bool {
        lhs.platform == rhs.platform && lhs.kind == rhs.kind && (lhs.namespace ?? "") == (rhs.namespace ?? "")
            && (lhs.stableID ?? lhs.name) == (rhs.stableID ?? rhs.name) && lhs.environment == rhs.environment
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(platform)
        hasher.combine(kind)
        hasher.combine(namespace ?? "")
        hasher.combine(stableID ?? name)
        hasher.combine(environment)
    }

    public var description: String {
        let place = environment.map { " [\($0)]" } ?? ""
        if let namespace { return "\(kind) \(namespace)/\(name)\(place)" }
        return "\(kind) \(name)\(place)"
    }

    /// Stable identifier for fingerprints and grouping.
    public var identifier: String {
        "\(platform.rawValue):\(kind):\(namespace ?? "")/\(stableID ?? name)" + (environment.map { "@env:" + $0 } ?? "")
    }

    public static func < (lhs: PrincipalRef, rhs: PrincipalRef) -> Bool { lhs.identifier < rhs.identifier }
}

/// A principal the configuration defines, with what is known about it.
public struct Principal: Sendable, Hashable {
    public var ref: PrincipalRef
    public var labels: TextPairs
    public var annotations: TextPairs
    /// Whether the platform mounts its credential into workloads automatically; nil when unset.
    public var automountsCredential: Bool?
    public var location: SourceLocation?
    /// False for a Kubernetes object written without a namespace, which goes wherever it
    /// is installed (see `KubernetesFacts.placeUnwrittenNamespaces`).
    public var namespaceWritten = true

    public init(ref: PrincipalRef, labels: TextPairs = [:], annotations: TextPairs = [:], automountsCredential: Bool? = nil, location: SourceLocation?) {
        self.ref = ref
        self.labels = labels
        self.annotations = annotations
        self.automountsCredential = automountsCredential
        self.location = location
    }
}
