import IdlintSyntax
import Testing
@testable import IdlintEngine

@Suite("Node paths")
struct NodePathTests {
    @Test("a path reads as keys, wildcards, indexes and quoted keys, non-ASCII names included")
    func steps() throws {
        let path = try NodePath(#".spec.template.spec.containers[*].env[0].valueFrom["kubectl.kubernetes.io/last-applied"].*.clé[ 'a.b' ]x"#)
        #expect(path.alternatives.count == 1)
        #expect(path.alternatives[0].origin == .start)
        #expect(path.alternatives[0].steps == [
            .key("spec"), .key("template"), .key("spec"), .key("containers"), .anyElement, .key("env"), .index(0), .key("valueFrom"),
            .key("kubectl.kubernetes.io/last-applied"), .anyValue, .key("clé"), .key("a.b"), .key("x"),
        ])
        let alternatives = try NodePath("$.metadata.name | ^.kind|.data")
        #expect(alternatives.alternatives.map(\.origin) == [.object, .document, .start])
        #expect(alternatives.alternatives.map(\.steps) == [[.key("metadata"), .key("name")], [.key("kind")], [.key("data")]])
        #expect(try NodePath("").alternatives[0].steps.isEmpty)
    }

    @Test("alternatives lose tabs, spaces and Unicode space separators at their ends, and nothing inside")
    func blanks() throws {
        let path = try NodePath("\t a b |\u{00A0}c\u{3000}| é\u{2003} |  ")
        #expect(path.alternatives.map(\.steps) == [[.key("a b")], [.key("c")], [.key("é")], []])
        #expect("  ".trimmingBlanks() == "")
        #expect("\u{00A0}\tx\u{00A0}y\u{202F}".trimmingBlanks() == "x\u{00A0}y")
        #expect("x\u{0301} ".trimmingBlanks() == "x\u{0301}")
        #expect(Substring(" [*] ").trimmingBlanks() == "[*]")
    }

    @Test("an unclosed or unknown bracket is an error that quotes the path")
    func errors() {
        #expect(throws: NodePath.ParseError.self) { try NodePath(".a[0") }
        #expect(throws: NodePath.ParseError.self) { try NodePath(".a[b]") }
        do {
            _ = try NodePath(".rules[x]")
            Issue.record("no error")
        } catch let error as NodePath.ParseError {
            #expect(error.message.contains("'[x]' in path '.rules[x]'"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("a walk finds keys by their exact bytes: prefixes, dotted, non-ASCII and repeated keys, through lists and wildcards")
    func walks() throws {
        let yaml = """
        "": empty
        spec:
          specs: wrong
          containers:
            - name: a
              env: {"kubectl.kubernetes.io/x": one, clé: two}
            - name: b
              env: {"kubectl.kubernetes.io/x": three, cle: four}
        """
        let root = try #require(FixtureSearchKeyTests.documents(yaml, .yaml).first?.root)
        func texts(_ path: String) throws -> [String] {
            var found: [String] = []
            try NodePath(path).forEach(from: root) { match in
                found.append(match.node.text)
                return true
            }
            return found
        }
        #expect(try texts(".spec.containers[*].name") == ["a", "b"])
        #expect(try texts(#".spec.containers[*].env["kubectl.kubernetes.io/x"]"#) == ["one", "three"])
        #expect(try texts(".spec.containers[*].env.clé") == ["two"])
        #expect(try texts(".spec.containers[1].env.*") == ["three", "four"])
        #expect(try texts(".spec.spec | .spec.specs") == ["wrong"])
        #expect(try texts(".spec.containers[*].env.cl") == [])
        #expect(try texts(#"[""]"#) == ["empty"])
        let first = try #require(try NodePath(".spec.containers[*].name").first(from: root))
        #expect(first.key?.text == "name")

        // In XML a key repeats: every child element of that name is walked, in order.
        let xml = #"<a><b>one</b><c>x</c><b>two</b><bb>no</bb></a>"#
        let xmlRoot = try #require(FixtureSearchKeyTests.documents(xml, .xml).first?.root)
        var repeated: [String] = []
        try NodePath(##".b["#text"]"##).forEach(from: xmlRoot) { match in
            repeated.append(match.node.text)
            return true
        }
        #expect(repeated == ["one", "two"])
    }
}
