import Foundation

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

    /// For inline code spans: a backtick would end the span.
    static func code(_ text: String) -> String {
        "`" + TerminalStyle.plain(text).replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|") + "`"
    }

    /// For Mermaid node labels: only characters that cannot end the label or start markup.
    static func mermaidLabel(_ text: String) -> String {
        String(text.map { character -> Character in
            character.isLetter || character.isNumber || " -./:@→".contains(character) ? character : "_"
        })
    }
}
