import Testing
@testable import IdlintSyntax

@Suite("HCL parser")
struct HCLParserTests {
    static let module = """
    # An IAM policy written the usual way.
    resource "aws_iam_policy" "deployer" {
      name        = "deployer"
      description = "Deploys the app"
      policy = jsonencode({
        Version = "2012-10-17"
        Statement = [
          {
            Effect   = "Allow"
            Action   = ["iam:*", "s3:GetObject"]
            Resource = "*"
          },
        ]
      })
      tags = { team = "platform", "cost-centre": 42 }
    }

    resource "aws_iam_role" "ci" {
      name               = "ci-${var.env}"
      assume_role_policy = data.aws_iam_policy_document.trust.json
      max_session_duration = 3600
      inline_policy {
        name   = "logs"
        policy = <<-EOF
          {"Version": "2012-10-17", "Statement": []}
          EOF
      }
    }

    locals {
      enabled = var.count > 0 ? true : false
      admins  = [for user in var.users : user if user.admin]
      ok      = true
    }
    """

    @Test("blocks nest by label; attributes are entries with exact positions")
    func structure() throws {
        let root = try parse(Self.module, as: .hcl)[0].root
        let policy = try #require(root["resource"]?["aws_iam_policy"]?["deployer"])
        #expect(policy["name"]?.text == "deployer")
        #expect(policy["name"]?.start == position(3, 17))
        #expect(root["resource"]?.entry("aws_iam_policy")?.key.start == position(2, 10))
        #expect(root["resource"]?["aws_iam_policy"]?.start == position(2, 27), "a label's mapping starts at the next label")
        let role = try #require(root.values("resource").compactMap { $0["aws_iam_role"] }.first?["ci"])
        #expect(role["max_session_duration"]?.text == "3600")
        #expect(role["inline_policy"]?["name"]?.text == "logs")
    }

    @Test("jsonencode of a literal is the literal's tree, at the lines it is written on")
    func jsonencode() throws {
        let root = try parse(Self.module, as: .hcl)[0].root
        let document = try #require(root["resource"]?["aws_iam_policy"]?["deployer"]?["policy"])
        #expect(document.isMapping)
        let statement = try #require(document["Statement"]?.elements.first)
        #expect(statement["Effect"]?.text == "Allow")
        #expect(statement["Action"]?.elements.map(\.text) == ["iam:*", "s3:GetObject"])
        #expect(statement["Action"]?.elements.first?.start == position(10, 21))
        #expect(statement["Resource"]?.start == position(11, 20))
        let tags = try #require(root["resource"]?["aws_iam_policy"]?["deployer"]?["tags"])
        #expect(tags["cost-centre"]?.text == "42")
    }

    @Test("references, templates, conditionals and for expressions stay symbolic, never literal")
    func symbolic() throws {
        let root = try parse(Self.module, as: .hcl)[0].root
        let role = try #require(root.values("resource").compactMap { $0["aws_iam_role"] }.first?["ci"])
        #expect(role["name"]?.tag == hclExpressionTag)
        #expect(role["name"]?.text == "\"ci-${var.env}\"")
        #expect(role["assume_role_policy"]?.tag == hclExpressionTag)
        #expect(role["assume_role_policy"]?.text == "data.aws_iam_policy_document.trust.json")
        let locals = try #require(root["locals"])
        #expect(locals["enabled"]?.tag == hclExpressionTag)
        #expect(locals["admins"]?.text == "[for user in var.users : user if user.admin]")
        #expect(locals["ok"]?.text == "true" && locals["ok"]?.tag == nil)
        // Division inside brackets once looped for ever (found by fuzzing).
        let division = try parse("a = (b / 2)\nc = [x /y, 2]\n", as: .hcl)[0].root
        #expect(division["a"]?.text == "(b / 2)")
        // A tuple holding an expression stays a tuple; only the element is symbolic.
        #expect(division["c"]?.elements.map(\.isUnevaluated) == [true, false])
        #expect(division["c"]?.elements.first?.text == "x /y")
    }

    @Test("a template that is one interpolation is its expression; interpolations may span lines")
    func soleInterpolation() throws {
        let text = """
        policy = "${jsonencode({
          Effect = "Allow"
        })}"
        note = "see ${jsonencode({
          a = "}"
        })} here"
        name = "${var.prefix}"

        """
        let root = try parse(text, as: .hcl)[0].root
        #expect(root["policy"]?["Effect"]?.text == "Allow")
        #expect(root["policy"]?["Effect"]?.start == position(2, 12))
        #expect(root["note"]?.isUnevaluated == true)
        #expect(root["name"]?.text == "\"${var.prefix}\"")
    }

    @Test("a literal object or tuple keeps its shape around the references it holds")
    func structureAroundReferences() throws {
        let text = """
        policy = jsonencode({
          Statement = [{
            Effect   = var.effect
            Action   = ["s3:GetObject", local.extra]
            Resource = "${aws_s3_bucket.b.arn}/*"
          }]
        })
        names = [for r in var.roles : r.name]
        merged = { for k, v in var.m : k => v }
        compared = {a = 1} == var.x

        """
        let root = try parse(text, as: .hcl)[0].root
        let statement = try #require(root["policy"]?["Statement"]?.elements.first)
        #expect(statement["Effect"]?.isUnevaluated == true)
        #expect(statement["Effect"]?.text == "var.effect")
        #expect(statement["Action"]?.elements.map(\.isUnevaluated) == [false, true])
        #expect(statement["Action"]?.elements.last?.start == position(4, 33))
        #expect(statement["Resource"]?.text == "\"${aws_s3_bucket.b.arn}/*\"")
        // Keys that are expressions are unknown keys of a known object.
        let keyed = try parse("data = {\n  (var.name) = \"v\"\n  \"${var.p}-x\" = 2\n  plain = 3\n}\n", as: .hcl)[0].root
        #expect(keyed["data"]?.entries.map(\.key.isUnevaluated) == [true, true, false])
        #expect(keyed["data"]?.entries.first?.key.text == "(var.name)")
        // Comprehensions and operators are not literals at all.
        #expect(root["names"]?.isUnevaluated == true)
        #expect(root["merged"]?.isUnevaluated == true)
        #expect(root["compared"]?.isUnevaluated == true)
    }

    @Test("heredocs keep their text, dedented for <<-")
    func heredoc() throws {
        let root = try parse(Self.module, as: .hcl)[0].root
        let policy = try #require(root.values("resource").compactMap { $0["aws_iam_role"] }.first?["ci"]?["inline_policy"]?["policy"])
        #expect(policy.text == "{\"Version\": \"2012-10-17\", \"Statement\": []}\n")
    }

    @Test("syntax errors name line and column", arguments: [
        ("resource \"a\" \"b\" {\n  name = \"x\"\n", 3),
        ("a = \"unterminated\n", 1),
        ("a = [1, 2\nb = 3\n", 1),
        ("= 3\n", 1),
    ])
    func errors(text: String, line: Int) {
        let error = parseError(text, as: .hcl)
        #expect(error != nil, "\(text) parsed")
        #expect(error?.position.map { Int($0.line) } == line, "\(String(describing: error))")
    }

    @Test("deep nesting is refused at the depth limit, not recursed into")
    func deepNesting() {
        let text = "a = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        #expect(parseError(text, as: .hcl)?.reason == .tooDeep)
        let blocks = String(repeating: "b {\n", count: 1_000) + String(repeating: "}\n", count: 1_000)
        #expect(parseError(blocks, as: .hcl)?.reason == .tooDeep)
    }
}
