import IdlintSyntax

/// A Kubernetes object is a mapping with `apiVersion` and `kind`; `List` kinds wrap items.
public struct KubernetesRecognizer: DocumentRecognizer {
    /// Manifests may hold any kind; these are the ones idlint models and rules may name.
    public static let producedKinds: [DocumentKind] = [
        .kubernetesRole, .kubernetesClusterRole, .kubernetesRoleBinding, .kubernetesClusterRoleBinding, .kubernetesServiceAccount,
        .kubernetesSecret, .kubernetesConfigMap, .kubernetesConfig, .kubernetesPod, .kubernetesDeployment, .kubernetesStatefulSet, .kubernetesDaemonSet,
        .kubernetesReplicaSet, .kubernetesReplicationController, .kubernetesJob, .kubernetesCronJob, .keycloakRealm,
    ]

    public init() {}

    public func recognize(_ document: Document, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        Self.objects(in: document.root)
    }

    /// The objects of a manifest wherever it sits (a file, or a Terraform resource).
    static func objects(in node: Node) -> [RecognizedObject]? {
        guard isObject(node) else { return nil }
        var objects: [RecognizedObject] = []
        collect(node, into: &objects, depth: 0)
        return objects
    }

    private static func collect(_ node: Node, into objects: inout [RecognizedObject], depth: Int) {
        guard Self.isObject(node), let kind = node.string("kind") else { return }
        if kind.hasSuffix("List"), depth < 4, let items = node["items"], items.isSequence {
            for item in items.elements { collect(item, into: &objects, depth: depth + 1) }
            return
        }
        // A kubeconfig has no metadata: it is known by its file.
        let fileName = kind == "Config" ? node.document.fileName : nil
        objects.append(RecognizedObject(kind: .kubernetes(kind), node: node, platform: .kubernetes, name: fileName))
        // The Keycloak operator carries a whole realm export inside its custom resource.
        if kind == "KeycloakRealmImport" || kind == "KeycloakRealm", let realm = node["spec"]?["realm"], realm.isMapping {
            objects.append(RecognizedObject(kind: .keycloakRealm, node: realm, platform: nil,
                                            name: realm.string("realm") ?? node["metadata"]?.string("name")))
        }
    }

    private static func isObject(_ node: Node) -> Bool {
        guard node.isMapping, let apiVersion = node["apiVersion"], apiVersion.isScalar, let kind = node["kind"], kind.isScalar else { return false }
        return !apiVersion.text.isEmpty && !kind.text.isEmpty
    }
}
