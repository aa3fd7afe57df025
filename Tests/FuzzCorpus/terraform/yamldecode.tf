# A manifest written as YAML inside yamldecode(<<-EOT ...) is read at its own lines.

resource "kubernetes_manifest" "ops_everything" {
  manifest = yamldecode(<<-EOT
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: ops-everything
    rules:
      - apiGroups: ["*"]
        # expect: K8S-WILDCARD-RESOURCE
        resources: ["*"]
        verbs: ["*"]
  EOT
  )
}

resource "kubernetes_cluster_role_binding_v1" "ops_everything" {
  metadata {
    name = "ops-everything"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "ops-everything"
  }
  subject {
    kind      = "Group"
    name      = "ops"
    api_group = "rbac.authorization.k8s.io"
  }
}
