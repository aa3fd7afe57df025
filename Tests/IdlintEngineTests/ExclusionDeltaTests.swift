import Foundation
import Testing
@testable import IdlintEngine

/// A NotAction is '*' less what it leaves out, in the privilege delta as in the rules.
@Suite("Exclusions in the privilege delta")
struct ExclusionDeltaTests {
    static func policy(_ excluded: [String]) -> String {
        let list = excluded.map { "\"\($0)\"" }.joined(separator: ", ")
        return #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": [\#(list)], "Resource": "*"}]}"#
    }

    private func compare(_ base: String, _ head: String) -> ChangeComparison {
        compareInMemory(["power-user.json": base], ["power-user.json": head])
    }

    @Test("leaving out one more service narrows; leaving out one fewer is a gain, and neither ranks as admin")
    func exclusions() {
        let narrowed = compare(Self.policy(["iam:*"]), Self.policy(["iam:*", "organizations:*"]))
        #expect(narrowed.privilegeDelta.allSatisfy { $0.gained.isEmpty }, "\(narrowed.privilegeDelta.map(\.gained))")
        let widened = compare(Self.policy(["iam:*", "organizations:*"]), Self.policy(["iam:*"]))
        let gain = widened.privilegeDelta.flatMap(\.gained).first
        #expect(gain?.conditions == ["but not iam:*"])
        #expect(gain.map(PrivilegeRisk.rank) != PrivilegeRisk.admin)
        #expect(widened.verdict != .pass)
    }
}
