import IdlintSyntax

/// One identity object found in a document, with the kind that rules select on
/// (`k8s.ClusterRole`, `aws.iam.policy`, `keycloak.realm` ...: see `DocumentKind`). A Kubernetes
/// `List` yields one object per item.
public struct RecognizedObject: Sendable {
    public var kind: DocumentKind
    public var node: Node
    public var platform: Platform?
    /// A name the recognizer gave (a policy document is named after its file).
    private var givenName: String?
    /// For a document held inside a bigger resource, that resource's settings (the
    /// CloudFormation `Properties`, the Terraform `values`): where a policy's permission
    /// boundary and its managed-policy name are written.
    public var owner: Node?
    /// Whether the owner is an identity (a role or user) rather than a policy resource.
    public var ownerIsIdentity = false
    /// Whether the owner's settings would show its permission boundary: false where they
    /// only name the identity (`aws iam get-role-policy` output), so that a missing
    /// boundary there is unknown, not absent.
    public var ownerShowsBoundary = true
    /// The identities a policy resource names as its holders (CloudFormation's `Users`,
    /// `Groups` and `Roles` on `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy`), each
    /// named as its own policies name it and placed at the entry that names it.
    public var attachedTo: [SubjectRef] = []
    /// Whether the policy becomes each holder's own inline policy (`AWS::IAM::Policy`)
    /// rather than a managed policy attached to them.
    public var attachedInline = false
    /// What identifies the object when its name is only a label people may change (an
    /// Entra application's appId beside its displayName): a rename keeps its identity.
    public var stableID: String?

    public init(kind: DocumentKind, node: Node, platform: Platform?, name: String? = nil) {
        self.kind = kind
        self.node = node
        self.platform = platform
        givenName = name
    }

    /// The object's own name, where its kind has one.
    public var name: String? {
        givenName ?? node["metadata"]?.string("name") ?? node.string("name")
    }

    public var namespace: String? {
        node["metadata"]?.string("namespace")
    }

    /// Kind, namespace and name (or stable id), and the environment of its file: the
    /// identity that fingerprints and the change gate use.
    public var identity: String {
        [kind.rawValue, namespace ?? "", stableID ?? name ?? "#\(node.document.indexInFile)"].joined(separator: "/")
            + (node.document.environment.map { "@env:" + $0 } ?? Environment.qualifier(ofFile: node.document.fileName))
    }
}
