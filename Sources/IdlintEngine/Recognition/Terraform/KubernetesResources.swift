import IdlintSyntax

/// The Kubernetes provider's RBAC, service account and secret resources as the
/// manifests they create, so that the Kubernetes rules and the effective-permission
/// analysis read them as they read YAML.
enum KubernetesResources {
    private static let metadata: NativeField = .block("metadata", as: "metadata", [
        .attribute("name", as: "name"), .attribute("namespace", as: "namespace"),
        .attribute("labels", as: "labels"), .attribute("annotations", as: "annotations"),
    ])

    private static let rule: NativeField = .blocks("rule", as: "rules", [
        .attribute("api_groups", as: "apiGroups"), .attribute("resources", as: "resources"),
        .attribute("resource_names", as: "resourceNames"), .attribute("verbs", as: "verbs"),
        .attribute("non_resource_urls", as: "nonResourceURLs"),
    ])

    private static let aggregation: NativeField = .block("aggregation_rule", as: "aggregationRule", [
        .blocks("cluster_role_selectors", as: "clusterRoleSelectors", [
            .attribute("match_labels", as: "matchLabels"),
            .blocks("match_expressions", as: "matchExpressions", [
                .attribute("key", as: "key"), .attribute("operator", as: "operator"), .attribute("values", as: "values"),
            ]),
        ]),
    ])

    private static let binding: [NativeField] = [
        metadata,
        .block("role_ref", as: "roleRef", [.attribute("api_group", as: "apiGroup"), .attribute("kind", as: "kind"), .attribute("name", as: "name")]),
        // The provider sends a subject's namespace as "default" when it is not set; a
        // manifest's absent namespace would mean the binding's own.
        .blocks("subject", as: "subjects", [
            .attribute("kind", as: "kind"), .attribute("name", as: "name"),
            .defaulted("namespace", as: "namespace", default: "default", style: .quoted), .attribute("api_group", as: "apiGroup"),
        ]),
    ]

    /// A container as far as identity goes: the literal values of its environment
    /// (`value_from` is a reference, no value).
    private static let containerFields: [NativeField] = [
        .attribute("name", as: "name"),
        .blocks("env", as: "env", [.attribute("name", as: "name"), .attribute("value", as: "value")]),
    ]

    /// A pod's spec as far as identity goes: which service account, whether its token is
    /// mounted, and its containers' environment. The provider sends
    /// `automount_service_account_token = true` when it is not set, overriding the service
    /// account's own choice, so the default is written.
    private static let podSpec: [NativeField] = [
        .attribute("service_account_name", as: "serviceAccountName"),
        .defaulted("automount_service_account_token", as: "automountServiceAccountToken", default: "true", style: .plain),
        .blocks("container", as: "containers", containerFields),
        .blocks("init_container", as: "initContainers", containerFields),
    ]

    private static let template: NativeField = .block("template", as: "template", [metadata, .block("spec", as: "spec", podSpec)])

    private static let workload: [NativeField] = [metadata, .block("spec", as: "spec", [template])]

    /// Resource type (without the `_v1` suffix) → the manifest's apiVersion, kind and fields.
    private static let shapes: [String: (apiVersion: String, kind: String, fields: [NativeField])] = [
        "kubernetes_cluster_role": ("rbac.authorization.k8s.io/v1", "ClusterRole", [metadata, rule, aggregation]),
        "kubernetes_role": ("rbac.authorization.k8s.io/v1", "Role", [metadata, rule]),
        "kubernetes_cluster_role_binding": ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", binding),
        "kubernetes_role_binding": ("rbac.authorization.k8s.io/v1", "RoleBinding", binding),
        "kubernetes_service_account": ("v1", "ServiceAccount", [
            metadata, .attribute("automount_service_account_token", as: "automountServiceAccountToken"),
        ]),
        "kubernetes_pod": ("v1", "Pod", [metadata, .block("spec", as: "spec", podSpec)]),
        "kubernetes_deployment": ("apps/v1", "Deployment", workload),
        "kubernetes_stateful_set": ("apps/v1", "StatefulSet", workload),
        "kubernetes_daemon_set": ("apps/v1", "DaemonSet", workload),
        "kubernetes_daemonset": ("apps/v1", "DaemonSet", workload),
        "kubernetes_replication_controller": ("v1", "ReplicationController", workload),
        "kubernetes_job": ("batch/v1", "Job", workload),
        "kubernetes_cron_job": ("batch/v1", "CronJob", [
            metadata, .block("spec", as: "spec", [.block("job_template", as: "jobTemplate", [.block("spec", as: "spec", [template])])]),
        ]),
        // The provider takes a secret's `data` as plain text and encodes it: it is the
        // manifest's stringData; `binary_data` is already base64, as `data` is.
        "kubernetes_secret": ("v1", "Secret", [
            metadata, .attribute("type", as: "type"), .opaqueMap("data", as: "stringData"), .opaqueMap("binary_data", as: "data"),
        ]),
    ]

    static func handles(_ type: String) -> Bool {
        shapes[baseType(type)] != nil || type == "kubernetes_manifest"
    }

    /// The objects of one resource, through the Kubernetes recognizer.
    static func objects(type: String, body: Node, scope: TerraformScope) -> [RecognizedObject] {
        let manifest: Node?
        if type == "kubernetes_manifest" {
            // Already the native object, written as an HCL object.
            manifest = body["manifest"].map(scope.evaluated)
        } else if let shape = shapes[baseType(type)] {
            manifest = NativeWriter(scope: scope).document(
                [.constant("apiVersion", text: shape.apiVersion), .constant("kind", text: shape.kind)] + shape.fields, from: body)
        } else {
            manifest = nil
        }
        guard let manifest, manifest.isMapping else { return [] }
        return KubernetesRecognizer.objects(in: manifest) ?? []
    }

    private static func baseType(_ type: String) -> String {
        type.hasSuffix("_v1") ? String(type.dropLast(3)) : type
    }
}
