import Testing
@testable import IdlintEngine

/// The literal anchors a pattern starts and ends with refuse a text early; they must
/// never refuse one the full match accepts.
@Suite("Glob anchors")
struct GlobAnchorTests {
    @Test("anchored patterns agree with the full match", arguments: [
        ("${*}", "${DB_PASSWORD}", true), ("${*}", "{\n  \"panels\": []\n}", false), ("${*}", "${", false), ("${*}", "$}", false),
        ("{{*}}", "{{ .Values.token }}", true), ("{{*}}", "{}", false), ("<*>", "<token>", true), ("<*>", "<", false),
        ("a?c*z", "abcz", true), ("a?c*z", "abc", false), ("*\n*", "one\ntwo", true), ("*\n*", "one line", false),
        ("ab*ab", "ab", false), ("ab*ab", "abab", true), ("ab*ab", "aba", false),
    ])
    func agree(pattern: String, text: String, expected: Bool) {
        #expect(GlobPattern.overText(pattern).matches(text) == expected)
    }

    @Test("case-insensitive anchors fold the text as the pattern is folded")
    func caseInsensitive() {
        #expect(GlobPattern.overText("Bearer *=", caseInsensitive: true).matches("bEARER abc="))
        #expect(!GlobPattern.overText("Bearer *=", caseInsensitive: true).matches("Basic abc="))
    }
}
