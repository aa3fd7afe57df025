import Testing
@testable import IdlintSyntax

@Suite("TOML parser")
struct TOMLParserTests {
    static let config = """
    # Codex settings
    model = "gpt-5"
    approval_policy = "never"

    [sandbox_workspace_write]
    network_access = true
    writable_roots = [
      "/tmp",   # scratch
      '/var/cache',
    ]

    [profiles.ci]
    sandbox_mode = "danger-full-access"

    [mcp_servers.github]
    command = "npx"
    args = ["-y", "@modelcontextprotocol/server-github"]
    env = { GITHUB_TOKEN = "ghp_example", "X-Level" = 3 }

    [mcp_servers.github.tools.search]
    approval_mode = "approve"
    """

    @Test("tables, dotted headers and inline tables become mappings with exact positions")
    func structure() throws {
        let root = try parse(Self.config, as: .toml)[0].root
        #expect(root.isMapping)
        #expect(root.string("approval_policy") == "never")
        #expect(root.entry("approval_policy")?.key.start == position(3, 1))
        #expect(root["approval_policy"]?.start == position(3, 19))
        #expect(root["approval_policy"]?.style == .quoted)
        let sandbox = try #require(root["sandbox_workspace_write"])
        #expect(root.entry("sandbox_workspace_write")?.key.start == position(5, 2))
        #expect(sandbox["network_access"]?.boolValue == true)
        #expect(sandbox["network_access"]?.style == .plain)
        #expect(sandbox["writable_roots"]?.elements.map(\.text) == ["/tmp", "/var/cache"])
        #expect(sandbox["writable_roots"]?.elements.map(\.start) == [position(8, 3), position(9, 3)])
        #expect(root["profiles"]?["ci"]?.string("sandbox_mode") == "danger-full-access")
        #expect(root["profiles"]?["ci"]?["sandbox_mode"]?.start == position(13, 16))
        let github = try #require(root["mcp_servers"]?["github"])
        #expect(github["args"]?.elements.map(\.text) == ["-y", "@modelcontextprotocol/server-github"])
        #expect(github["env"]?.string("GITHUB_TOKEN") == "ghp_example")
        #expect(github["env"]?["GITHUB_TOKEN"]?.start == position(18, 24))
        #expect(github["env"]?.string("X-Level") == "3")
        #expect(github["tools"]?["search"]?.string("approval_mode") == "approve")
        // Keys in the order they were first written.
        #expect(root.entries.map(\.key.text) == ["model", "approval_policy", "sandbox_workspace_write", "profiles", "mcp_servers"])
    }

    @Test("arrays of tables are sequences of mappings; a later header adds to the last element")
    func arraysOfTables() throws {
        let text = """
        [[servers]]
        name = "a"
        [servers.auth]
        token = "x"
        [[servers]]
        name = "b"
        """
        let root = try parse(text, as: .toml)[0].root
        let servers = try #require(root["servers"])
        #expect(servers.isSequence)
        #expect(servers.elements.map { $0.string("name") } == ["a", "b"])
        #expect(servers.elements[0]["auth"]?.string("token") == "x")
        #expect(servers.elements[1].start == position(5, 1))
    }

    @Test("a super-table may be defined after its sub-table, and dotted keys extend their own tables")
    func implicitAndDotted() throws {
        let text = """
        [a.b.c]
        x = 1
        [a]
        y.z = 2
        y.w = 3
        """
        let root = try parse(text, as: .toml)[0].root
        #expect(root["a"]?["b"]?["c"]?.string("x") == "1")
        #expect(root["a"]?["y"]?.string("z") == "2")
        #expect(root["a"]?["y"]?.string("w") == "3")
        // Defined by its own header, the table's key is placed there.
        #expect(root.entry("a")?.key.start == position(3, 2))
    }

    @Test("strings: escapes, literal, multi-line with trimming and closing quotes")
    func strings() throws {
        let text = #"""
        a = "tab\there \u00e9 \U0001F600 \"q\""
        b = 'C:\path\no-escape'
        c = """
        first \
            joined"""
        d = '''
        raw "" ''text'''''
        e = """one "quote" and two "" ""\""""
        """#
        let root = try parse(text, as: .toml)[0].root
        #expect(root.string("a") == "tab\there é 😀 \"q\"")
        #expect(root.string("b") == #"C:\path\no-escape"#)
        #expect(root.string("c") == "first joined")
        #expect(root.string("d") == #"raw "" ''text''"#)
        #expect(root.string("e") == #"one "quote" and two "" """"#)
    }

    @Test("numbers are plain scalars: integers in decimal, floats without underscores; dates as written")
    func numbersAndDates() throws {
        let text = """
        hex = 0xDEAD_beef
        oct = 0o755
        bin = 0b1101
        big = 1_000_000
        neg = -17
        flt = +6.626e-34
        sep = 9_224.617_445
        inf = -inf
        odt = 1979-05-27T07:32:00.999-07:00
        spc = 1979-05-27 07:32:00Z
        ld = 2024-02-29
        lt = 00:32:00.5
        yes = true
        """
        let root = try parse(text, as: .toml)[0].root
        let values = root.entries.map { ($0.key.text, $0.value.text) }
        #expect(values.map(\.1) == ["3735928559", "493", "13", "1000000", "-17", "+6.626e-34", "9224.617445", "-inf",
                                    "1979-05-27T07:32:00.999-07:00", "1979-05-27 07:32:00Z", "2024-02-29", "00:32:00.5", "true"])
        #expect(root.entries.allSatisfy { $0.value.style == .plain })
    }

    @Test("an empty or comment-only file is an empty table")
    func empty() throws {
        #expect(try parse("", as: .toml)[0].root.isMapping)
        #expect(try parse("# nothing\n\n", as: .toml)[0].root.count == 0)
    }

    @Test("CRLF line ends are read")
    func crlf() throws {
        let root = try parse("a = 1\r\n[t]\r\nb = \"\"\"\r\nx\r\ny\"\"\"\r\n", as: .toml)[0].root
        #expect(root["t"]?.string("b") == "x\ny")
        #expect(root["t"]?["b"]?.start == position(3, 5))
    }

    @Test("what TOML forbids is an error at its line and column", arguments: [
        ("a = 1\na = 2\n", 2, 1),                                  // duplicate key
        ("[t]\nx = 1\n[t]\n", 3, 2),                                // table defined twice
        ("a.b = 1\n[a]\n", 2, 2),                                   // a dotted table redefined by a header
        ("[a.b]\n[a]\nb.c = 1\n", 3, 1),                            // dotted keys into a header's table
        ("a = {x = 1}\n[a.y]\n", 2, 2),                              // an inline table extended
        ("a = {x = 1}\na.y = 2\n", 2, 1),                            // an inline table extended by a dotted key
        ("a = [1]\n[[a]]\n", 2, 3),                                  // a static array extended
        ("[[a]]\n[a]\n", 2, 2),                                      // an array of tables redefined
        ("a = {x = 1,}\n", 1, 12),                                   // trailing comma in an inline table
        ("a = {x = 1\n}\n", 1, 11),                                  // an inline table over two lines
        ("a = \"open\nb = 1\n", 1, 5),                               // unterminated string
        ("a = 1 b = 2\n", 1, 7),                                     // two pairs on one line
        ("a = 01\n", 1, 5),                                          // leading zero
        ("a = 1__0\n", 1, 5),                                        // double underscore
        ("a = 9223372036854775808\n", 1, 5),                         // past 64 bits
        ("a = 2023-02-29\n", 1, 5),                                  // no such day
        ("a = \"\\q\"\n", 1, 6),                                     // invalid escape
        ("a = \"\\uD800\"\n", 1, 6),                                 // a surrogate
        ("a = [1 2]\n", 1, 8),                                       // missing comma
        ("= 1\n", 1, 1),                                             // missing key
        ("a = \n", 1, 5),                                            // missing value
        ("[a\n", 1, 3),                                              // unclosed header
        ("a = 1 # bell \u{07}\n", 1, 14),                            // control character in a comment
        ("a = '''x''''''\n", 1, 15),                                 // too many closing quotes
        ("a = yes\n", 1, 5),                                         // not a TOML value
        ("a = 1\rb = 2\n", 1, 6),                                    // a lone carriage return
        ("[a.b]\n[[a]]\n", 2, 3),                                    // a table made an array of tables
        ("a.b = 1\na.b.c = 2\n", 2, 3),                              // a dotted key through a value
    ])
    func errors(text: String, line: Int, column: Int) {
        let error = parseError(text, as: .toml)
        #expect(error?.reason == .malformed, "\(text.debugDescription) parsed: \(String(describing: error))")
        #expect(error?.position == position(line, column), "\(text.debugDescription): \(String(describing: error))")
    }

    @Test("deep nesting is refused at the depth limit, not recursed into")
    func deepNesting() {
        let arrays = "a = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        #expect(parseError(arrays, as: .toml)?.reason == .tooDeep)
        let tables = "a = " + String(repeating: "{b = ", count: 10_000) + "1" + String(repeating: "}", count: 10_000) + "\n"
        #expect(parseError(tables, as: .toml)?.reason == .tooDeep)
        let header = "[" + Array(repeating: "k", count: 1_000).joined(separator: ".") + "]\n"
        #expect(parseError(header, as: .toml)?.reason == .tooDeep)
        let dotted = Array(repeating: "k", count: 1_000).joined(separator: ".") + " = 1\n"
        #expect(parseError(dotted, as: .toml)?.reason == .tooDeep)
        // A header and a dotted key that each stay under the limit still cannot build a tree past it.
        let stacked = "[" + Array(repeating: "k", count: 200).joined(separator: ".") + "]\n" + Array(repeating: "k", count: 100).joined(separator: ".") + " = 1\n"
        #expect(parseError(stacked, as: .toml)?.reason == .tooDeep)
    }

    @Test("a secret used as a key is never quoted in an error")
    func secretKeys() {
        let error = parseError("\"hunter2-Pa55w0rd-9!\" = 1\n\"hunter2-Pa55w0rd-9!\" = 2\n", as: .toml)
        #expect(error?.message.contains("hunter2") == false)
    }

    @Test("a secret written without its quotes is refused without being quoted back")
    func unquotedSecretValues() {
        for secret in ["sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"] {
            let error = parseError("OPENAI_API_KEY = \(secret)\n", as: .toml)
            #expect(error?.position == position(1, 18))
            #expect(error?.message.contains(String(secret.prefix(4))) == false, "\(String(describing: error))")
        }
        #expect(parseError("a = 9223372036854775808\n", as: .toml)?.message.contains("64 bits") == true)
    }
}
