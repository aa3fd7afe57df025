import Testing
@testable import IdlintEngine

/// An AWS role's maximum session duration as a condition on who may assume it.
@Suite("AWS maximum session as a condition on trust")
struct SessionBoundTests {
    static func template(_ session: String?) -> String {
        """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Release:
            Type: AWS::IAM::Role
            Properties:
              RoleName: release
        \(session.map { "      MaxSessionDuration: \($0)" } ?? "")
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement: [{Effect: Allow, Principal: {Service: codebuild.amazonaws.com}, Action: "sts:AssumeRole"}]
        """
    }

    static func terraform(_ session: String?) -> String {
        """
        resource "aws_iam_role" "release" {
          name               = "release"
          assume_role_policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = {AWS = "arn:aws:iam::111122223333:root"}, Action = "sts:AssumeRole"}]})
        \(session.map { "  max_session_duration = \($0)" } ?? "")
        }
        """
    }

    @Test("a longer maximum session is a gain of whoever may assume the role, with the new length")
    func lengthened() {
        let comparison = compareInMemory(["stack.yaml": Self.template("3600")], ["stack.yaml": Self.template("43200")])
        let entry = comparison.privilegeDelta.first { $0.principal.name == "codebuild.amazonaws.com" }
        #expect(entry?.gained.map(\.description) == ["sts:AssumeRole role release by its trust policy when sessions last up to 43200 seconds"], "\(comparison.privilegeDelta.map(\.gained))")
        #expect(comparison.verdict == .review, "\(comparison.reasons)")
        let terraform = compareInMemory(["main.tf": Self.terraform(nil)], ["main.tf": Self.terraform("28800")])
        #expect(terraform.privilegeDelta.first?.gained.first?.conditions == ["sessions last up to 28800 seconds"], "\(terraform.privilegeDelta.map(\.gained))")
    }

    @Test("a shorter maximum session only narrows: a loss, no gain, and the gate passes")
    func shortened() {
        let comparison = compareInMemory(["stack.yaml": Self.template("43200")], ["stack.yaml": Self.template("7200")])
        #expect(comparison.privilegeDelta.allSatisfy { $0.gained.isEmpty }, "\(comparison.privilegeDelta.map(\.gained))")
        #expect(comparison.privilegeDelta.first?.lost.first?.conditions == ["sessions last up to 43200 seconds"])
        #expect(comparison.verdict == .pass, "\(comparison.reasons)")
    }

    @Test("the default written out, or left out, is the same bound: no change")
    func defaultIsUnwritten() {
        let written = compareInMemory(["stack.yaml": Self.template(nil)], ["stack.yaml": Self.template("3600")])
        #expect(written.privilegeDelta.isEmpty && written.verdict == .pass, "\(written.reasons)")
        let removed = compareInMemory(["main.tf": Self.terraform("3600")], ["main.tf": Self.terraform(nil)])
        #expect(removed.privilegeDelta.isEmpty, "\(removed.privilegeDelta.map(\.gained))")
    }

    @Test("a longer bound covers a shorter one, never the other way; other conditions still must all hold")
    func covering() {
        func privilege(_ conditions: [String]) -> Privilege {
            Privilege(action: "sts:AssumeRole", resource: "role r", group: "", scope: "by its trust policy", names: [], conditions: conditions)
        }
        let long = privilege(["sessions last up to 43200 seconds"]), short = privilege(["sessions last up to 3600 seconds"])
        #expect(long.covers(short) && !short.covers(long))
        let conditioned = privilege(["StringEquals aws:PrincipalTag/team=ci", "sessions last up to 43200 seconds"])
        #expect(!conditioned.covers(short) && conditioned.covers(privilege(["StringEquals aws:PrincipalTag/team=ci", "sessions last up to 900 seconds"])))
        #expect(SessionBound.seconds(in: "sessions last up to a length idlint cannot evaluate") == nil)
    }
}
