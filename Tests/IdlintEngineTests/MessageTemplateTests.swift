import Testing
@testable import IdlintEngine

@Suite("Message templates")
struct MessageTemplateTests {
    private let values = ["name": "svc-é", "kind": "ServiceAccount", "empty": "", "long": String(repeating: "a", count: 300)]

    @Test("placeholders are filled in, an unknown one is '?', and text around them is kept as written")
    func filling() {
        #expect(MessageTemplate.render("{kind} {name} is shared", { values[$0] }) == "ServiceAccount svc-é is shared")
        #expect(MessageTemplate.render("café {name}: {missing}!", { values[$0] }) == "café svc-é: ?!")
        #expect(MessageTemplate.render("[{empty}]", { values[$0] }) == "[]")
        #expect(MessageTemplate.render("{name}{name}", { values[$0] }) == "svc-ésvc-é")
        #expect(MessageTemplate.render("no placeholders → kept", { values[$0] }) == "no placeholders → kept")
        #expect(MessageTemplate.render("", { values[$0] }) == "")
        #expect(MessageTemplate.render("{long}.", { values[$0] }) == String(repeating: "a", count: 300) + ".")
    }

    @Test("a brace without its closing one is text, and a placeholder ends at the first closing brace")
    func braces() {
        #expect(MessageTemplate.render("open { never closed", { values[$0] }) == "open { never closed")
        #expect(MessageTemplate.render("a } alone, then {kind}", { values[$0] }) == "a } alone, then ServiceAccount")
        #expect(MessageTemplate.render("{{kind}}", { values[$0] }) == "?}")
        // Braces are found in the bytes, as rule loading finds placeholders: a brace that
        // a combining mark joins into one Character still opens one.
        #expect(MessageTemplate.render("x {\u{301}name}", { values[$0] }) == "x ?")
        #expect(MessageTemplate.placeholders(in: "x {\u{301}name}").map(\.name) == ["\u{301}name"])
    }

    @Test("a template cut before a placeholder renders, half by half, what the whole renders")
    func split() throws {
        for template in ["{kind} {name} runs as it, shared with {name}: {kind}", "a } then {kind} {name}", "x {\u{301}y} {name}", "{name}", "café {kind}{name}!"] {
            let halves = try #require(MessageTemplate.split(template, before: "name"), "\(template)")
            #expect(halves.head + halves.ending == template)
            #expect(halves.ending.hasPrefix("{name}"))
            #expect(MessageTemplate.render(halves.head, { values[$0] }) + MessageTemplate.render(halves.ending, { values[$0] })
                == MessageTemplate.render(template, { values[$0] }), "\(template)")
        }
        // The first {name} that rendering reads is inside "{ open {name}": there is none to cut before.
        #expect(MessageTemplate.split("a { open {name} b", before: "name") == nil)
        #expect(MessageTemplate.split("{kind} only", before: "name") == nil)
    }
}
