import Foundation
import IdlintSyntax
import Testing
@testable import IdlintEngine

/// Terraform roots that call a local module, written to a folder and scanned as a user
/// scans them: the module is judged once per call, with the call's inputs, in the
/// caller's environment, its findings on its own lines with the call related.
@Suite("Terraform module calls")
struct TerraformModuleCallTests {
    static let module: [String: String] = [
        "modules/iam-role/variables.tf": """
        variable "name" {}

        variable "admin" {
          default = false
        }

        """,
        "modules/iam-role/main.tf": """
        resource "aws_iam_role" "this" {
          name = var.name
          assume_role_policy = jsonencode({
            Version   = "2012-10-17"
            Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
          })
        }

        resource "aws_iam_role_policy_attachment" "admin" {
          count      = var.admin ? 1 : 0
          role       = aws_iam_role.this.name
          policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
        }

        """,
    ]

    /// The module, called from production with `admin = true` and from dev with `admin = false`.
    static var tree: [String: String] {
        var files = module
        files["envs/prod/main.tf"] = """
        module "admin_role" {
          source = "../../modules/iam-role"
          name   = "deployer"
          admin  = true
        }

        """
        files["envs/dev/main.tf"] = """
        module "reader_role" {
          source = "../../modules/iam-role"
          name   = "reader"
          admin  = false
        }

        """
        return files
    }

    static let rule = "AWS-ADMIN-MANAGED-POLICY-ATTACHED"

    private func describe(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.environment ?? "-") \($0.location) \($0.message) \($0.relatedLocations.map { "\($0.location) \($0.message)" })" }
    }

    @Test("admin = true reaches the module's attachment: found once, in production, on the module's line, the call related")
    func adminInputAttachesAdministratorAccess() throws {
        let result = try KustomizeOverlayTests.scanTree(Self.tree)
        #expect(!result.diagnostics.contains { $0.level == .error }, "\(result.diagnostics.map(\.description))")
        let attached = result.findings(of: Self.rule)
        #expect(attached.count == 1, "\(describe(attached))")
        let finding = try #require(attached.first)
        #expect(finding.environment == "prod")
        #expect(finding.location.file == "modules/iam-role/main.tf" && finding.location.line == 12, "\(finding.location)")
        #expect(finding.message.contains("module.admin_role."), "\(finding.message)")
        #expect(finding.relatedLocations.contains { $0.location.file == "envs/prod/main.tf" && $0.location.line == 1 && $0.message.contains("module.admin_role") },
                "\(describe(attached))")
        #expect(!finding.relatedLocations.contains { $0.location.file == "envs/dev/main.tf" })
        // The callers are read for what they pass on; each module file is counted once.
        #expect(!result.statistics.filesNotRecognised.contains { $0.hasSuffix("/main.tf") }, "\(result.statistics.filesNotRecognised)")
        #expect(result.statistics.filesScanned == 4 && result.statistics.filesRecognised + result.statistics.filesNotRecognised.count == 4)
    }

    @Test("the same module called with admin = false, or judged with its defaults, attaches nothing")
    func adminFalseFindsNothing() throws {
        var files = Self.tree
        files["envs/prod/main.tf"] = nil
        let result = try KustomizeOverlayTests.scanTree(files)
        #expect(result.findings(of: Self.rule).isEmpty, "\(describe(result.findings(of: Self.rule)))")
        #expect(!result.diagnostics.contains { $0.level == .error }, "\(result.diagnostics.map(\.description))")
        let alone = try KustomizeOverlayTests.scanTree(Self.module)
        #expect(alone.findings(of: Self.rule).isEmpty, "a module nobody calls is judged with its defaults")
    }

    @Test("two calls are two findings with their own fingerprints, each naming its own call")
    func twoCallsTwoFindings() throws {
        var files = Self.module
        files["root/main.tf"] = """
        module "ci" {
          source = "../modules/iam-role"
          name   = "ci"
          admin  = true
        }

        module "ops" {
          source = "../modules/iam-role"
          name   = "ops"
          admin  = true
        }

        """
        let result = try KustomizeOverlayTests.scanTree(files)
        let attached = result.findings(of: Self.rule)
        #expect(attached.count == 2, "\(describe(attached))")
        #expect(Set(attached.map(\.fingerprint)).count == 2)
        for (name, line) in [("ci", 1), ("ops", 7)] {
            let finding = attached.first { $0.message.contains("module.\(name).") }
            #expect(finding?.relatedLocations.filter { $0.location.file == "root/main.tf" }.map(\.location.line) == [line], "\(describe(attached))")
        }
    }

    @Test("an input the caller does not know stays unknown: the module's default does not take its place")
    func unknownInputStaysUnknown() throws {
        var files = Self.module
        files["root/main.tf"] = """
        variable "make_admin" {}

        module "maybe" {
          source = "../modules/iam-role"
          name   = "maybe"
          admin  = var.make_admin
        }

        """
        let result = try KustomizeOverlayTests.scanTree(files)
        // An unknown count creates its resource, as everywhere else in a module.
        #expect(result.findings(of: Self.rule).count == 1, "\(describe(result.findings(of: Self.rule)))")
    }

    @Test("a caller's value is read in the caller: the module's own variable of the same name is not it")
    func inputsAreEvaluatedInTheCaller() throws {
        var files = Self.module
        files["modules/iam-role/variables.tf"]! += """
        variable "flag" {
          default = true
        }

        """
        files["root/main.tf"] = """
        variable "flag" {
          default = false
        }

        module "reader" {
          source = "../modules/iam-role"
          name   = "reader"
          admin  = var.flag
        }

        """
        let result = try KustomizeOverlayTests.scanTree(files)
        #expect(result.findings(of: Self.rule).isEmpty, "\(describe(result.findings(of: Self.rule)))")
    }

    @Test("a policy document passed to a called module is judged once, where the module uses it")
    func policyDocumentPassedToModule() throws {
        let result = try KustomizeOverlayTests.scanTree([
            "root/main.tf": """
            data "aws_iam_policy_document" "ops" {
              statement {
                actions   = ["iam:*"]
                resources = ["*"]
              }
            }

            module "ops_policy" {
              source = "../modules/policy"
              policy = data.aws_iam_policy_document.ops.json
            }

            """,
            "modules/policy/main.tf": """
            variable "policy" {}

            resource "aws_iam_policy" "this" {
              policy = var.policy
            }

            """,
        ])
        let escalation = result.findings(of: "AWS-IAM-PRIVILEGE-ESCALATION")
        #expect(escalation.count == 1, "\(describe(escalation))")
        #expect(escalation.first?.location.file == "modules/policy/main.tf" && escalation.first?.location.line == 4, "\(describe(escalation))")
        #expect(escalation.first?.relatedLocations.contains { $0.location.file == "root/main.tf" && $0.location.line == 8 } == true, "\(describe(escalation))")
    }

    @Test("remote sources, missing folders and paths outside the scan are notes naming the call; a cycle is a warning and ends")
    func unreadCallsAndCycles() throws {
        let result = try KustomizeOverlayTests.scanTree([
            "root/main.tf": """
            module "registry" {
              source  = "terraform-aws-modules/iam/aws"
              version = "5.0.0"
            }

            module "gone" {
              source = "./modules/gone"
            }

            module "outside" {
              source = "../../../../../../../../../../elsewhere"
            }

            module "loop" {
              source = "../a"
            }

            """,
            "a/main.tf": """
            module "b" {
              source = "../b"
            }

            """,
            "b/main.tf": """
            module "a" {
              source = "../a"
            }

            resource "aws_iam_user_policy_attachment" "admin" {
              user       = "ops"
              policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
            }

            """,
        ])
        #expect(!result.diagnostics.contains { $0.level == .error }, "\(result.diagnostics.map(\.description))")
        let notes = result.diagnostics.filter { $0.level == .note && $0.file == "root/main.tf" }.map(\.message)
        for name in ["registry", "gone", "outside"] {
            #expect(notes.contains { $0.contains("module \"\(name)\"") }, "\(notes)")
        }
        #expect(result.diagnostics.contains { $0.level == .warning && $0.message.contains("leads back") }, "\(result.diagnostics.map(\.description))")
        // b is reached through module.loop.module.b; in the cycle it is not evaluated again.
        #expect(result.findings(of: Self.rule).count == 1, "\(describe(result.findings(of: Self.rule)))")
    }

    @Test("calls that fan out or nest deep are bounded: a warning names where evaluation stopped")
    func fanOutAndDepthAreBounded() throws {
        var files: [String: String] = [:]
        for level in 0..<12 {
            files["fan/m\(level)/main.tf"] = """
            module "left" {
              source = "../m\(level + 1)"
            }

            module "right" {
              source = "../m\(level + 1)"
            }

            """
        }
        files["fan/m12/main.tf"] = "variable \"x\" {}\n"
        for level in 0..<20 {
            files["deep/d\(level)/main.tf"] = level == 19 ? "variable \"x\" {}\n" : """
            module "next" {
              source = "../d\(level + 1)"
            }

            """
        }
        let result = try KustomizeOverlayTests.scanTree(files)
        let warnings = result.diagnostics.filter { $0.level == .warning }.map(\.message)
        #expect(warnings.contains { $0.contains("more than \(TerraformConfiguration.maxInstances) module instances") }, "\(warnings)")
        #expect(warnings.contains { $0.contains("nested past \(TerraformConfiguration.maxDepth) levels") }, "\(warnings)")
    }
}
