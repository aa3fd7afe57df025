import FoundationEssentials

/// Markdown from scanned text: names and messages come from files an attacker may have
/// written, so nothing in them may turn into a link, an image, HTML or a broken table.
enum MarkdownText {
    /// For table cells and list items.
    static func escape(_ text: String) -> String {
        var output = ""
        for character in TerminalStyle.plain(text) {
            switch character {
            case "\\", "|", "[", "]", "*", "_", "`", "#", "!", "~": output += "\\" + String(character)
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\n", "\r": output += " "
            default: output.append(character)
            }
        }
        return output
    }

    /// GitHub refuses a comment over 65,536 characters, so a report meant as one is cut, by
    /// design, at a line break below that, with a note saying what was left out and where
    /// the rest is; the JSON and SARIF reports always hold everything.
    static let commentLimit = 65_536

    static func fittingAComment(_ text: String, limit: Int = commentLimit) -> String {
        guard text.utf8.count > limit, text.count > limit else { return text }
        func note(_ leftOut: String) -> String {
            "\n\n> **Cut here** to stay under GitHub's \(limit)-character limit for a comment: \(leftOut) more line(s) are left out. "
                + "The JSON and SARIF reports (`--format json`, `--format sarif`) hold every finding.\n"
        }
        // Room for the note, its count and a margin.
        let budget = limit - note("").count - 18
        var kept = text.prefix(budget)
        if let lastBreak = kept.lastIndex(of: "\n") { kept = kept[..<lastBreak] }
        let leftOut = text[kept.endIndex...].split(separator: "\n").count
        return String(kept) + note(String(leftOut))
    }

    /// For inline code spans: a backtick would end the span.
    static func code(_ text: String) -> String {
        "`" + TerminalStyle.plain(text).replacing("`", with: "'").replacing("|", with: "\\|") + "`"
    }

    /// For Mermaid node labels: only characters that cannot end the label or start markup.
    static func mermaidLabel(_ text: String) -> String {
        String(text.map { character -> Character in
            character.isLetter || character.isNumber || " -./:@→".contains(character) ? character : "_"
        })
    }
}
