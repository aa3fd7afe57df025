import Foundation
import Testing
@testable import IdlintEngine

/// A grant bounded in time (a GCP `request.time` condition) against a standing one.
@Suite("Standing or just-in-time")
struct StandingGrantTests {
    static func policy(condition: String?) -> String {
        let bound = condition.map { #", "condition": {"title": "until", "expression": "\#($0)"}"# } ?? ""
        return #"{"bindings": [{"role": "roles/storage.admin", "members": ["user:ops@example.com"]\#(bound)}], "etag": "BwX"}"#
    }

    @Test("a grant that loses its time bound is a gain named as standing; one that gains a bound is a narrowing")
    func timeBound() {
        let bounded = Self.policy(condition: "request.time < timestamp('2026-12-31T00:00:00Z')")
        func compare(_ base: String, _ head: String) -> ChangeComparison {
            compareInMemory(["iam.json": base], ["iam.json": head])
        }
        let widened = compare(bounded, Self.policy(condition: nil))
        let delta = widened.privilegeDelta.first { $0.principal.name == "ops@example.com" }
        #expect(delta?.becameStanding.map(\.action) == ["roles/storage.admin"])
        #expect(widened.reasons.contains { $0.contains("was time-bound and becomes standing") })
        let narrowed = compare(Self.policy(condition: nil), bounded)
        #expect(narrowed.privilegeDelta.allSatisfy { $0.gained.isEmpty })
        #expect(narrowed.privilegeDelta.first?.lost.first?.description.contains("(time-bound)") == false)
    }
}
