import Foundation
import Testing
@testable import IdlintEngine

@Suite("AWS exports and policies without an extension")
struct AWSExportTests {
    private let adminPolicy = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#

    @Test("a file without an extension is read when it starts as a policy, and only then")
    func sniffsExtensionlessFiles() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(adminPolicy, to: root.appendingPathComponent("break-glass"))
        try write("{\n  \"RoleDetailList\": []\n}\n", to: root.appendingPathComponent("exports/account"))
        try write("#!/bin/sh\necho '\(adminPolicy)'\n", to: root.appendingPathComponent("grant-admin"))
        try write("{\"name\": \"not a policy\"}", to: root.appendingPathComponent("package"))
        try write("MIT License\n", to: root.appendingPathComponent("LICENSE"))
        try write(adminPolicy, to: root.appendingPathComponent("notes.txt"))
        // Padding past the sniffed prefix does not hide a policy's keys.
        let padded = "{\"Id\": \"" + String(repeating: "x", count: ContentSniff.prefixBytes) + "\", " + adminPolicy.drop { $0 != "\"" }
        try write(padded, to: root.appendingPathComponent("padded"))
        let found = FileDiscovery(options: DiscoveryOptions()).discover([root.path])
        let names = found.files.map { String($0.displayPath.dropFirst(root.path.count + 1)) }
        #expect(names == ["break-glass", "padded", "exports/account"])
        #expect(found.diagnostics.isEmpty)
        let result = makeScanner().scan(files: found.files)
        #expect(result.findings(of: "AWS-ADMIN-POLICY").map(\.location.file).map { String($0.dropFirst(root.path.count + 1)) } == ["break-glass", "padded"])
    }

    @Test("a git revision gives the same files without an extension as a working tree does")
    func sniffsInGitRevisions() throws {
        let repository = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: repository) }
        try write(adminPolicy, to: repository.appendingPathComponent("policies/break-glass"))
        try write("#!/bin/sh\necho '\(adminPolicy)'\n", to: repository.appendingPathComponent("scripts/deploy"))
        try write("a: 1\n", to: repository.appendingPathComponent("config.yaml"))
        for arguments in [["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", repository.path] + arguments
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let (files, notes) = try GitRevision(workingDirectory: repository.path, revision: "HEAD").files(paths: [], options: DiscoveryOptions())
        #expect(files.map(\.displayPath) == ["config.yaml", "policies/break-glass"])
        #expect(notes.isEmpty)
        let walked = FileDiscovery(options: DiscoveryOptions()).discover([repository.path]).files
        #expect(walked.map { String($0.displayPath.dropFirst(repository.path.count + 1)) } == ["config.yaml", "policies/break-glass"])
    }

    @Test("the sniff reads JSON objects that name a policy key near their top")
    func sniff() {
        #expect(ContentSniff.looksLikeAWSPolicy(Array("\u{FEFF}  \n{\"PolicyVersion\": {}}".utf8)))
        #expect(!ContentSniff.looksLikeAWSPolicy(Array("[{\"Statement\": []}]".utf8)))
        #expect(!ContentSniff.looksLikeAWSPolicy(Array("Statement: []".utf8)))
        #expect(ContentSniff.appliesTo(name: "trust") && !ContentSniff.appliesTo(name: ".bashrc") && !ContentSniff.appliesTo(name: "a.txt"))
    }

    @Test("the IAM API's URL-encoded documents decode; malformed escapes are refused")
    func percentDecoding() {
        #expect(PercentDecoding.decode("%7B%22Action%22%3A%20%22%2A%22%7D") == #"{"Action": "*"}"#)
        #expect(PercentDecoding.decode("%7b%22a%22%7d") == #"{"a"}"#)
        #expect(PercentDecoding.decode("%G0") == nil)
        #expect(PercentDecoding.decode("%7") == nil)
        #expect(PercentDecoding.decode("%FF%FE") == nil)
    }

    @Test("get-role-policy names the role but not its boundary: the boundary is unknown, not absent")
    func rolePolicyOutput() {
        let result = scan(["role-policy.json": "{\"RoleName\": \"ops\", \"PolicyName\": \"all\",\n\"PolicyDocument\": \(adminPolicy)}"])
        let finding = result.findings(of: "AWS-ADMIN-POLICY").first
        #expect(finding?.location.line == 2)
        #expect(finding?.message.contains("Policy ops/all") == true)
        #expect(finding?.message.contains("no permission boundary") == false)
    }

    @Test("get-policy-version in both forms, and account details, give statements where they are written")
    func exports() {
        let encoded = adminPolicy.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let result = scan([
            "cli.json": "{\"PolicyVersion\": {\n\"Document\":\n\(adminPolicy),\n\"VersionId\": \"v1\", \"IsDefaultVersion\": true}}",
            "api.json": "{\"PolicyVersion\": {\"VersionId\": \"v2\",\n\"Document\": \"\(encoded)\"}}",
            "details.json": """
            {"RoleDetailList": [{"RoleName": "ops", "Arn": "arn:aws:iam::111122223333:role/ops",
              "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}]},
              "RolePolicyList": [{"PolicyName": "all",
                "PolicyDocument": \(adminPolicy)}],
              "AttachedManagedPolicies": []}]}
            """,
        ])
        let admin = result.findings(of: "AWS-ADMIN-POLICY").map { "\($0.location.file):\($0.location.line)" }.sorted()
        #expect(admin == ["api.json:2", "cli.json:3", "details.json:4"])
        // The role's trust is a trust policy; its inline policy is not.
        #expect(result.findings(of: "AWS-CROSS-ACCOUNT-NO-EXTERNAL-ID").map(\.location.line) == [2])
        // The inline policy belongs to the role, for the grant's message and the delta.
        #expect(result.findings(of: "AWS-ADMIN-POLICY").first { $0.location.file == "details.json" }?.message.contains("ops") == true)
    }

    @Test("a document that does not decode is an input error at its string, the rest of the export still judged")
    func undecodableDocuments() {
        let encoded = adminPolicy.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let result = scan([
            "api.json": "{\"PolicyVersion\": {\"VersionId\": \"v2\",\n  \"Document\": \"%7B%22broken\"}}",
            "escape.json": "{\"PolicyVersion\": {\"Document\": \"%7B%ZZ\"}}",
            "cli.json": "{\"RoleName\": \"ops\", \"PolicyName\": \"p\",\n\"PolicyDocument\": \"{\\\"Version\\\": \"}",
            "details.json": """
            {"RoleDetailList": [{"RoleName": "ops", "RolePolicyList": [
              {"PolicyName": "bad", "PolicyDocument": "not a policy"},
              {"PolicyName": "all", "PolicyDocument": "\(encoded)"}]}]}
            """,
            "template.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: '{\"Version\": [}'\n",
            // Terraform: a literal heredoc that is not JSON; a template with an unknown
            // part, and an ARN, are not held against the file.
            "m/main.tf": """
            resource "aws_iam_policy" "broken" {
              policy = <<EOF
            {"Version": "2012-10-17", "Statement": [
            EOF
            }
            resource "aws_iam_policy" "templated" {
              policy = "{\"Statement\": ${var.statements}}"
            }
            resource "aws_iam_role_policy_attachment" "a" {
              role       = "r"
              policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
            }
            """,
        ])
        let errors = result.diagnostics.filter { $0.level == .error }.map { "\($0.file):\($0.position.map(\.description) ?? "")" }.sorted()
        #expect(errors == ["api.json:2:15", "cli.json:2:19", "details.json:2:43", "escape.json:1:32", "m/main.tf:2:12", "template.yaml:6:23"], "\(result.diagnostics)")
        #expect(result.diagnostics.allSatisfy { $0.level == .error }, "no note besides the error: \(result.diagnostics)")
        // Not counted among the files that held nothing idlint reads: they did, unread.
        #expect(result.statistics.filesNotRecognised.isEmpty, "\(result.statistics.filesNotRecognised)")
        #expect(result.diagnostics.first { $0.file == "api.json" }?.message.contains("URL-encoded text is not a JSON document") == true)
        // The export's other policy is read and judged.
        #expect(result.findings(of: "AWS-ADMIN-POLICY").map(\.location.file) == ["details.json"])
    }
}

@Suite("AWS exports in the change gate")
struct AWSExportDeltaTests {
    private func details(_ arns: [String]) -> String {
        let attached = arns.map { #"{"PolicyName": "p", "PolicyArn": "\#($0)"}"# }.joined(separator: ", ")
        return #"{"RoleDetailList": [{"RoleName": "ops", "RolePolicyList": [], "AttachedManagedPolicies": [\#(attached)]}]}"#
    }

    @Test("a managed policy newly attached to an exported role is the role's gain")
    func attachmentGain() {
        let comparison = compareInMemory(["account": details(["arn:aws:iam::aws:policy/ReadOnlyAccess"])],
                                         ["account": details(["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"])])
        let gain = comparison.privilegeDelta.first { !$0.gained.isEmpty }
        #expect(gain?.principal.name == "ops" && gain?.principal.kind == "Role")
        #expect(gain?.gained.map(\.action) == ["*"], "\(comparison.privilegeDelta.map(\.gained))")
        let unchanged = compareInMemory(["account": details(["arn:aws:iam::aws:policy/ReadOnlyAccess"])], ["account": details(["arn:aws:iam::aws:policy/ReadOnlyAccess"])])
        #expect(unchanged.privilegeDelta.allSatisfy { $0.gained.isEmpty })
    }
}

@Suite("IAM conditions that narrow")
struct ConditionNarrowingTests {
    @Test("conditions a caller passes without the key, or sets itself, do not narrow", arguments: [
        ("StringLike", "aws:Referer", ["https://example.com/*"], false),
        ("Bool", "aws:MultiFactorAuthPresent", ["false"], false),
        ("BoolIfExists", "aws:MultiFactorAuthPresent", ["true"], false),
        ("Bool", "aws:MultiFactorAuthPresent", ["true"], true),
        ("StringNotEquals", "aws:SourceVpc", ["vpc-1"], false),
        ("ForAnyValue:StringNotLike", "aws:PrincipalTag/team", ["x"], false),
        ("ArnNotLike", "aws:SourceArn", ["arn:aws:s3:::b"], false),
        ("NotIpAddress", "aws:SourceIp", ["10.0.0.0/8"], false),
        ("StringNotEquals", "aws:PrincipalAccount", ["111122223333"], true),
        ("StringEqualsIfExists", "aws:SourceVpce", ["vpce-1"], false),
        ("StringEqualsIfExists", "aws:PrincipalArn", ["arn:aws:iam::1:role/x"], true),
        ("StringEquals", "sts:ExternalId", [""], false),
        ("StringEquals", "aws:SourceVpc", ["vpc-1"], true),
        ("ForAllValues:StringEquals", "aws:TagKeys", ["team"], false),
        ("ForAnyValue:StringEquals", "aws:TagKeys", ["team"], true),
    ])
    func narrowing(operation: String, key: String, values: [String], narrows: Bool) {
        #expect(ConditionNarrowing.narrows(operator: operation, key: key, values: values, unresolved: false) == narrows)
    }

    @Test("iam-condition takes only 'narrows', and a Referer-only Condition does not narrow in a document rule")
    func documentRuleTest() throws {
        var refused = RuleLibrary()
        #expect(throws: DataFileError.self) {
            try refused.load(text: singleRuleFile(id: "ORG-C", match: "{kinds: [aws.iam.policy], each: 'Statement[*]', where: {path: Condition, iam-condition: wide}}"),
                             path: "org/c.yaml", isBuiltIn: false)
        }
        var library = RuleLibrary()
        try library.load(text: singleRuleFile(id: "ORG-C", match: "{kinds: [aws.iam.policy], each: 'Statement[*]', where: {not: {path: Condition, iam-condition: narrows}}}"),
                         path: "org/c.yaml", isBuiltIn: false)
        let text = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"aws:Referer": "x"}}}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}}}]}"#
        let result = IdentityScanner(library: library, configuration: ScanConfiguration()).scan(files: [InputFile(displayPath: "p.json", source: .content(Array(text.utf8)))])
        #expect(result.findings(of: "ORG-C").count == 1)
    }

    @Test("a condition idlint cannot read still narrows")
    func unresolved() {
        #expect(ConditionNarrowing.narrows(operator: "StringNotEquals", key: "aws:SourceVpc", values: ["(unresolved)"], unresolved: true))
    }
}

@Suite("Grant combinations")
struct GrantCombinationTests {
    private func library(_ grants: String) throws -> RuleLibrary {
        var library = RuleLibrary()
        try library.load(text: singleRuleFile(id: "ORG-PATHS", match: "{grants: {platforms: [aws], \(grants)}}"), path: "org/paths.yaml", isBuiltIn: false)
        return library
    }

    @Test("one complete combination is enough; a part of one is not")
    func anyCombination() throws {
        let rules = try library("allows-any-combination: [[{actions: [a:One], resources: ['*']}], [{actions: [b:Two], resources: ['*']}, {actions: [c:Three], resources: ['*']}]]")
        func findings(_ actions: [String]) -> Int {
            let statements = actions.map { #"{"Effect": "Allow", "Action": "\#($0)", "Resource": "*"}"# }.joined(separator: ", ")
            let text = #"{"Version": "2012-10-17", "Statement": [\#(statements)]}"#
            return IdentityScanner(library: rules, configuration: ScanConfiguration())
                .scan(files: [InputFile(displayPath: "p.json", source: .content(Array(text.utf8)))]).findings(of: "ORG-PATHS").count
        }
        #expect(findings(["a:One"]) == 1)
        #expect(findings(["b:Two"]) == 0)
        #expect(findings(["b:Two", "c:Three"]) == 1)
        #expect(findings(["c:Three", "x:Other"]) == 0)
    }

    @Test("a finding names the combination it completes, not a part of another")
    func namesTheCompletedCombination() throws {
        let rules = try library("allows-any-combination: [[{actions: [a:One], resources: ['*']}], [{actions: [b:Two], resources: ['*']}, {actions: [c:Three], resources: ['*']}]]")
        let text = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "b:Two", "Resource": "*"},\#n{"Effect": "Allow", "Action": "a:One", "Resource": "*"}]}"#
        let found = IdentityScanner(library: rules, configuration: ScanConfiguration())
            .scan(files: [InputFile(displayPath: "p.json", source: .content(Array(text.utf8)))]).findings(of: "ORG-PATHS")
        #expect(found.map(\.location.line) == [2])
        #expect(found.first?.evidence?.contains("a:One") == true)
        #expect(found.first?.evidence?.contains("b:Two") == false)
    }

    @Test("allows-all and allows-any-combination together, or an empty combination, are load errors")
    func refusesMixtures() {
        #expect(throws: DataFileError.self) {
            try library("allows-all: [{actions: [a:One], resources: ['*']}], allows-any-combination: [[{actions: [b:Two], resources: ['*']}]]")
        }
        #expect(throws: DataFileError.self) { try library("allows-any-combination: [[]]") }
        #expect(throws: DataFileError.self) { try library("allows-any-combination: []") }
    }
}
