import Foundation
import Testing
@testable import IdlintEngine

/// Terraform HCL read as Terraform reads it: the `.tf` files of a directory are one
/// module, whose variables' defaults, locals and policy document data sources are
/// evaluated across files; what needs state stays unknown and never makes a finding.
@Suite("Terraform modules")
struct TerraformModuleTests {
    private func scanTerraform(_ files: [String: String], library: RuleLibrary = builtInLibrary) -> ScanResult {
        var configuration = ScanConfiguration()
        configuration.setClock(testClock)
        let inputs = files.keys.sorted().map { InputFile(displayPath: $0, source: .content(Array(files[$0]!.utf8))) }
        return IdentityScanner(library: library, configuration: configuration).scan(files: inputs)
    }

    static let module: [String: String] = [
        "infra/variables.tf": """
            variable "admin_actions" {
              default = ["*"]
            }
            variable "effect" {}

            """,
        "infra/policies.tf": """
            locals {
              trusted = "*"
            }

            data "aws_iam_policy_document" "admin" {
              statement {
                sid       = "All"
                actions   = var.admin_actions
                resources = ["*"]
              }
            }

            data "aws_iam_policy_document" "trust" {
              statement {
                actions = ["sts:AssumeRole"]
                principals {
                  type        = "AWS"
                  identifiers = [local.trusted]
                }
              }
            }

            data "aws_iam_policy_document" "unknown_effect" {
              statement {
                effect    = var.effect
                actions   = ["*"]
                resources = ["*"]
              }
            }

            """,
        "infra/main.tf": """
            resource "aws_iam_role" "deployer" {
              name               = "deployer"
              assume_role_policy = data.aws_iam_policy_document.trust.json
            }

            resource "aws_iam_role_policy" "deployer" {
              role   = aws_iam_role.deployer.id
              policy = data.aws_iam_policy_document.admin.json
            }

            resource "aws_iam_policy" "maybe" {
              policy = data.aws_iam_policy_document.unknown_effect.json
            }

            """,
    ]

    @Test("a policy document in another file is judged at its own lines, with defaults and locals filled in")
    func policyDocumentAcrossFiles() throws {
        let result = scanTerraform(Self.module)
        #expect(result.diagnostics.filter { $0.level == .error }.isEmpty, "\(result.diagnostics)")
        let admin = try #require(result.findings(of: "AWS-ADMIN-POLICY").first)
        // The variable's default lives in variables.tf; the finding stays where it is used.
        #expect(admin.location.file == "infra/policies.tf")
        #expect(admin.location.line == 8)
        #expect(admin.message.contains("aws_iam_role_policy.deployer"))
        #expect(admin.message.contains("no permission boundary"), "the policy belongs to the role it names: \(admin.message)")
        let trust = try #require(result.findings(of: "AWS-TRUST-ANY-PRINCIPAL").first)
        #expect(trust.location.file == "infra/policies.tf")
        #expect(trust.location.line == 16)
    }

    @Test("a statement whose effect is unknown grants nothing and denies nothing")
    func unknownEffect() {
        let result = scanTerraform(Self.module)
        #expect(!result.findings.contains { $0.message.contains("aws_iam_policy.maybe") }, "\(result.findings.map(\.message))")
    }

    @Test("a module is one directory: another directory's variables are not this one's")
    func modulesAreDirectories() {
        var files = Self.module
        files["other/variables.tf"] = files.removeValue(forKey: "infra/variables.tf")
        let result = scanTerraform(files)
        #expect(result.findings(of: "AWS-ADMIN-POLICY").isEmpty, "var.admin_actions has no default in infra/")
        #expect(result.findings(of: "AWS-TRUST-ANY-PRINCIPAL").count == 1)
    }

    @Test("a policy document no resource reads is still judged on its own")
    func unconsumedPolicyDocument() throws {
        let result = scanTerraform(["mod/data.tf": """
            data "aws_iam_policy_document" "for_child_module" {
              statement {
                actions   = ["iam:*"]
                resources = ["*"]
              }
            }

            module "child" {
              source = "./child"
              policy = data.aws_iam_policy_document.for_child_module.json
            }

            """])
        let finding = try #require(result.findings(of: "AWS-IAM-PRIVILEGE-ESCALATION").first)
        #expect(finding.location.line == 3)
        #expect(finding.message.contains("data.aws_iam_policy_document.for_child_module"))
    }

    @Test("references, templates and heredocs: known parts are read, unknown parts never make a finding")
    func partialEvaluation() {
        let result = scanTerraform(["m/main.tf": """
            variable "bucket" {
              default = "reports"
            }

            resource "aws_iam_policy" "mixed" {
              policy = jsonencode({
                Version = "2012-10-17"
                Statement = [
                  { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${var.bucket}/*" },
                  { Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = aws_secretsmanager_secret.db.arn },
                  { Effect = "Allow", Action = var.unset, Resource = "*" },
                ]
              })
            }

            resource "aws_iam_policy" "heredoc" {
              policy = <<-JSON
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
                    {"Effect": "Allow", "Action": "s3:*", "Resource": "${aws_s3_bucket.b.arn}"}
                  ]
                }
              JSON
            }

            """])
        #expect(result.diagnostics.filter { $0.level == .error }.isEmpty, "\(result.diagnostics)")
        #expect(result.findings(of: "AWS-SECRET-READ-ANY-RESOURCE").isEmpty, "the secret's ARN is unknown, not '*'")
        #expect(!result.findings.contains { $0.message.contains("aws_iam_policy.mixed") }, "\(result.findings.map(\.message))")
        // The heredoc's known statement is read even though another holds an interpolation,
        // and reported at its own line inside the heredoc.
        #expect(result.findings(of: "AWS-PERMISSIONS-MANAGEMENT-ANY-RESOURCE").map(\.location.line) == [21])
    }

    @Test("a test on an unknown value neither holds nor fails: its negation does not hold either")
    func threeValuedConditions() throws {
        var library = RuleLibrary()
        try library.load(text: singleRuleFile(id: "X-NOT-VIEWER", match: "{kinds: [gcp.iam.member], where: {not: {path: role, equals: roles/viewer}}, at: role}"),
                         path: "custom.yaml", isBuiltIn: false)
        try library.resolveReferences()
        let result = scanTerraform(["g/main.tf": """
            resource "google_project_iam_member" "configured" {
              project = "p"
              role    = var.role
              member  = "user:a@example.org"
            }

            resource "google_project_iam_member" "owner" {
              project = "p"
              role    = "roles/owner"
              member  = "user:b@example.org"
            }

            """], library: library)
        #expect(result.findings(of: "X-NOT-VIEWER").map(\.location.line) == [9])
    }
}

@Suite("Terraform modules: what state decides")
struct TerraformStateTests {
    @Test("a resource with count 0, literal or chosen by a default, creates nothing to judge")
    func countZero() {
        let result = scan(["k/main.tf": """
            variable "legacy" {
              default = false
            }

            resource "google_service_account_key" "retired" {
              count              = 0
              service_account_id = "sa"
            }

            resource "google_service_account_key" "legacy" {
              count              = var.legacy ? 1 : 0
              service_account_id = "sa"
            }

            resource "google_service_account_key" "current" {
              service_account_id = "sa"
            }

            """])
        #expect(result.findings(of: "GCP-SERVICE-ACCOUNT-KEY").map(\.location.line) == [15])
    }

    @Test("dynamic blocks are unknown: a grant with a dynamic condition is not read as unconditioned")
    func dynamicBlocks() {
        let result = scan(["d/main.tf": """
            resource "google_project_iam_member" "maybe_bounded" {
              project = "p"
              role    = "roles/editor"
              member  = "serviceAccount:ci@p.iam.gserviceaccount.com"
              dynamic "condition" {
                for_each = var.window == null ? [] : [var.window]
                content {
                  title      = "window"
                  expression = condition.value
                }
              }
            }

            data "aws_iam_policy_document" "trust" {
              statement {
                actions = ["sts:AssumeRoleWithWebIdentity"]
                principals {
                  type        = "Federated"
                  identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
                }
                dynamic "condition" {
                  for_each = var.subjects
                  content {
                    test     = "StringLike"
                    variable = "token.actions.githubusercontent.com:sub"
                    values   = condition.value
                  }
                }
              }
            }

            resource "aws_iam_role" "deploy" {
              assume_role_policy = data.aws_iam_policy_document.trust.json
            }

            """])
        #expect(result.findings(of: "GCP-BASIC-ROLE-TO-WORKLOAD").isEmpty)
        #expect(result.findings(of: "AWS-WEB-IDENTITY-NO-SUBJECT").isEmpty)
    }

    @Test("references that fan out (a template bomb) stay unknown instead of growing without bound")
    func templateBomb() {
        var locals = "locals {\n  l0 = \"abcdefghij\"\n"
        for level in 1...14 {
            locals += "  l\(level) = \"" + String(repeating: "${local.l\(level - 1)}", count: 10) + "\"\n"
        }
        locals += "  list0 = [\"a\"]\n"
        for level in 1...14 {
            locals += "  list\(level) = [" + Array(repeating: "local.list\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        locals += "}\n\nresource \"google_project_iam_member\" \"m\" {\n  project = local.l14\n  role    = \"roles/owner\"\n  member  = local.list14\n}\n"
        // Returning at all is the point; the grant itself is still judged on what is known.
        let result = scan(["bomb/main.tf": locals])
        #expect(result.diagnostics.filter { $0.level == .error }.isEmpty, "\(result.diagnostics)")
        #expect(result.statistics.objectsByKind["gcp.iam.member"] == 1)
    }
}

@Suite("Terraform modules: conditions that decide a resource")
struct TerraformCountTests {
    @Test("a count decided by what is known: false dominates &&, true dominates ||, comparisons, length of empty")
    func counts() {
        let result = scan(["c/main.tf": """
            variable "max_age" {
              default = 2592000
            }
            variable "users" {
              default = []
            }
            locals {
              regular = var.max_age == 0
              wanted  = (var.max_age != 0) || module.unknown.flag
            }

            resource "aws_iam_access_key" "gated_by_false" {
              count = module.this.enabled && local.regular ? 1 : 0
              user  = "a"
            }

            resource "aws_iam_access_key" "empty_list" {
              count = length(var.users)
              user  = "b"
            }

            resource "aws_iam_access_key" "empty_set" {
              for_each = toset(var.users)
              user     = each.value
            }

            resource "aws_iam_access_key" "gated_by_true" {
              count = local.wanted ? 1 : 0
              user  = "c"
            }

            resource "aws_iam_access_key" "unknown" {
              count = module.this.enabled ? 1 : 0
              user  = "d"
            }

            data "aws_iam_policy_document" "off" {
              count = local.regular ? 1 : 0
              statement {
                actions   = ["*"]
                resources = ["*"]
              }
            }

            """])
        #expect(result.findings(of: "AWS-STATIC-ACCESS-KEY").map(\.location.line).sorted() == [27, 32])
        #expect(result.findings(of: "AWS-ADMIN-POLICY").isEmpty)
    }
}

@Suite("Partly known templates")
struct PartialTextTests {
    @Test("a literal part decides a glob only where the glob needs it")
    func certainMatches() throws {
        let roleID = try #require(PartialText(template: "\"${data.s.id}/roleDefinitions/8e3af657-a8ff\""))
        #expect(roleID.certainlyMatches(.overText("*8e3af657*")))
        #expect(roleID.certainlyMatches(.overText("*8e3af657-a8ff")))
        #expect(!roleID.certainlyMatches(.overText("/subscriptions/*")), "the start is unknown")
        let scope = try #require(PartialText(template: "\"/subscriptions/${var.id}\""))
        #expect(scope.certainlyMatches(.overText("/subscriptions/*")))
        #expect(!scope.certainlyMatches(.overText("*/resourceGroups/*")), "not in a literal part")
        #expect(!scope.certainlyMatches(.overText("/subscriptions/x?")), "only *X*, X* and *X are judged")
        #expect(PartialText(template: "\"no interpolation\"") == nil)
        // A directive may leave its text out; an escaped `$${` is literal text.
        #expect(PartialText(template: "\"%{ if var.on }8e3af657%{ endif }${var.x}\"") == nil)
        let escaped = try #require(PartialText(template: "\"$${literal}-${var.x}\""))
        #expect(escaped.certainlyMatches(.overText("${literal}*")))
    }
}
