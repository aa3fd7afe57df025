import Testing
@testable import IdlintEngine

@Suite("Labels and annotations")
struct TextPairsTests {
    @Test("a key reads its value whatever the written order; a key written twice keeps its later value")
    func lookup() {
        let written = TextPairs([(key: "tier", value: "web"), (key: "app", value: "a"), (key: "team", value: "x"), (key: "app", value: "b")])
        #expect(written["app"] == "b")
        #expect(written["tier"] == "web")
        #expect(written["team"] == "x")
        #expect(written["ap"] == nil && written["zzz"] == nil && written[""] == nil)
        #expect(written.count == 3)
        #expect(written.map(\.key) == ["app", "team", "tier"])
        let inOrder = TextPairs([(key: "a", value: "1"), (key: "b", value: "2")])
        #expect(inOrder["a"] == "1" && inOrder["b"] == "2")
        #expect(TextPairs()["a"] == nil && TextPairs().isEmpty)
    }

    @Test("pairs are equal, and hash alike, when they hold the same keys and values in any written order")
    func equality() {
        let one: TextPairs = ["a": "1", "b": "2"]
        let other = TextPairs([(key: "b", value: "2"), (key: "a", value: "1")])
        #expect(one == other)
        #expect(one.hashValue == other.hashValue)
        #expect(one != ["a": "1", "b": "3"])
        #expect(one != ["a": "1"])
    }

    @Test("laid over another, a pod template's pairs win where both name a key")
    func overlay() {
        let object: TextPairs = ["app": "deploy", "owner": "team-a"]
        let template: TextPairs = ["app": "pod", "agent": "yes"]
        let merged = object.overlaid(with: template)
        #expect(merged == ["app": "pod", "owner": "team-a", "agent": "yes"])
        #expect(object.overlaid(with: [:]) == object)
        #expect(TextPairs().overlaid(with: template) == template)
    }
}
