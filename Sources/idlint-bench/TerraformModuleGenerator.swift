import Foundation

/// Writes one Terraform module of many `.tf` files, shaped like a platform team's IAM
/// repository: variables and locals in their own files, then per team a role with a
/// trust policy document, policies written with jsonencode and with policy documents,
/// GCP and Azure grants, Kubernetes RBAC and a Keycloak client, some of them risky.
/// Every file refers to the shared variables, so the module is evaluated as a whole.
enum TerraformModuleGenerator {
    /// Writes `fileCount` team files plus variables.tf and locals.tf; returns the bytes.
    static func write(fileCount: Int, to folder: URL) throws -> Int {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var total = 0
        func emit(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
            total += text.utf8.count
        }
        try emit("variables.tf", """
            variable "account_id" {
              default = "111122223333"
            }

            variable "read_actions" {
              type    = list(string)
              default = ["s3:GetObject", "s3:ListBucket", "dynamodb:Query"]
            }

            variable "project" {
              default = "platform-prod"
            }

            """)
        try emit("locals.tf", """
            locals {
              github_provider = "arn:aws:iam::${var.account_id}:oidc-provider/token.actions.githubusercontent.com"
              admin_actions   = ["*"]
              public_member   = "allUsers"
            }

            """)
        for index in 0..<fileCount {
            try emit("team-\(index).tf", team(index))
        }
        return total
    }

    private static func team(_ index: Int) -> String {
        let risky = index % 10 == 0
        let subject = risky ? "repo:example/*" : "repo:example/service-\(index):ref:refs/heads/main"
        let adminStatement = risky ? """

                {
                  Effect   = "Allow"
                  Action   = local.admin_actions
                  Resource = "*"
                },
            """ : ""
        return """
            # Team \(index): its deploy role, policies and grants.
            data "aws_iam_policy_document" "trust_\(index)" {
              statement {
                actions = ["sts:AssumeRoleWithWebIdentity"]
                principals {
                  type        = "Federated"
                  identifiers = [local.github_provider]
                }
                condition {
                  test     = "StringLike"
                  variable = "token.actions.githubusercontent.com:sub"
                  values   = ["\(subject)"]
                }
              }
            }

            resource "aws_iam_role" "deploy_\(index)" {
              name               = "team-\(index)-deploy"
              assume_role_policy = data.aws_iam_policy_document.trust_\(index).json
            }

            data "aws_iam_policy_document" "read_\(index)" {
              statement {
                sid       = "Read"
                actions   = var.read_actions
                resources = ["arn:aws:s3:::team-\(index)-data/*", "arn:aws:s3:::team-\(index)-data"]
              }
              statement {
                sid       = "Queue"
                actions   = ["sqs:SendMessage", "sqs:ReceiveMessage"]
                resources = [aws_sqs_queue.jobs_\(index).arn]
              }
            }

            resource "aws_iam_role_policy" "read_\(index)" {
              role   = aws_iam_role.deploy_\(index).id
              policy = data.aws_iam_policy_document.read_\(index).json
            }

            resource "aws_iam_policy" "deploy_\(index)" {
              name = "team-\(index)-deploy"
              policy = jsonencode({
                Version = "2012-10-17"
                Statement = [\(adminStatement)
                  {
                    Effect   = "Allow"
                    Action   = ["lambda:UpdateFunctionCode", "lambda:GetFunction"]
                    Resource = "arn:aws:lambda:eu-west-1:${var.account_id}:function:team-\(index)-*"
                  },
                  {
                    Effect   = "Allow"
                    Action   = "iam:PassRole"
                    Resource = aws_iam_role.deploy_\(index).arn
                  },
                ]
              })
            }

            resource "google_storage_bucket_iam_member" "assets_\(index)" {
              bucket = "team-\(index)-assets"
              role   = "roles/storage.objectViewer"
              member = \(index % 25 == 0 ? "local.public_member" : "\"group:team-\(index)@example.org\"")
            }

            resource "google_project_iam_member" "ci_\(index)" {
              project = var.project
              role    = "\(index % 20 == 0 ? "roles/editor" : "roles/cloudbuild.builds.editor")"
              member  = "serviceAccount:team-\(index)-ci@platform-prod.iam.gserviceaccount.com"
            }

            resource "azurerm_role_assignment" "ops_\(index)" {
              scope                = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/team-\(index)"
              role_definition_name = "\(index % 15 == 0 ? "Owner" : "Reader")"
              principal_id         = azuread_service_principal.team_\(index).object_id
              principal_type       = "ServicePrincipal"
            }

            resource "kubernetes_role_v1" "deployer_\(index)" {
              metadata {
                name      = "deployer"
                namespace = "team-\(index)"
              }
              rule {
                api_groups = ["apps"]
                resources  = ["deployments"]
                verbs      = ["get", "list", "update", "patch"]
              }
              rule {
                api_groups = [""]
                resources  = ["\(risky ? "secrets" : "configmaps")"]
                verbs      = ["get", "list"]
              }
            }

            resource "kubernetes_role_binding_v1" "deployer_\(index)" {
              metadata {
                name      = "deployer"
                namespace = "team-\(index)"
              }
              role_ref {
                api_group = "rbac.authorization.k8s.io"
                kind      = "Role"
                name      = kubernetes_role_v1.deployer_\(index).metadata[0].name
              }
              subject {
                kind      = "ServiceAccount"
                name      = "deployer"
                namespace = "team-\(index)"
              }
            }

            resource "keycloak_openid_client" "portal_\(index)" {
              realm_id              = "platform"
              client_id             = "team-\(index)-portal"
              access_type           = "\(risky ? "PUBLIC" : "CONFIDENTIAL")"
              standard_flow_enabled = true
              valid_redirect_uris   = ["https://team-\(index).example.org/callback"]
              full_scope_allowed    = false
              pkce_code_challenge_method = "\(risky ? "" : "S256")"
            }

            """
    }
}
