import FoundationEssentials

/// ARM's `concat` over string literals only, once the references in it are resolved:
/// `[concat('/subscriptions/', 'abc', '/resourceGroups/app')]` is the text
/// `/subscriptions/abc/resourceGroups/app`, which a rule's glob on a scope or role id
/// reads as written inline. Anything else (a function call among the parts, an array)
/// is left as an expression: idlint does not evaluate ARM's language.
enum ARMConcat {
    static func folded(_ expression: String) -> String? {
        let text = expression.trimmingBlanks()
        let opening = "[concat("
        guard text.count > opening.count + 1, text.prefix(opening.count).lowercased() == opening, text.hasSuffix(")]") else { return nil }
        var rest = Substring(text.dropFirst(opening.count).dropLast(2))
        var joined = ""
        var expectingPart = true
        while true {
            rest = rest.drop(while: { $0 == " " })
            guard let first = rest.first else { break }
            if !expectingPart {
                guard first == "," else { return nil }
                rest = rest.dropFirst()
                expectingPart = true
                continue
            }
            guard first == "'" else { return nil }
            rest = rest.dropFirst()
            // A quote is doubled inside a literal: '' is one quote.
            var closed = false
            while let character = rest.first {
                rest = rest.dropFirst()
                if character == "'" {
                    if rest.first == "'" {
                        joined.append("'")
                        rest = rest.dropFirst()
                    } else {
                        closed = true
                        break
                    }
                } else {
                    joined.append(character)
                }
            }
            guard closed else { return nil }
            expectingPart = false
        }
        // No parts, or a text that would read as an expression again: left alone.
        guard !expectingPart, !joined.hasPrefix("[") else { return nil }
        return joined
    }
}
