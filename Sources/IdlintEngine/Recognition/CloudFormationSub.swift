import IdlintSyntax

/// CloudFormation's `Fn::Sub` (`!Sub`) where a policy belongs: the text of a JSON policy
/// written with `${AWS::AccountId}`-style placeholders. The placeholders that the
/// function's own variable map gives as literals are filled in; the others stay as
/// written, to be read as unknown (`EmbeddedPolicyText`), so that the literal parts of
/// the policy (an `"Action": "*"`) are still judged.
struct CloudFormationSub {
    /// The template text, literal variables filled in.
    var text: String
    /// The string node the text is written in: where the policy's findings go.
    var node: Node

    /// `!Sub TEXT`, `!Sub [TEXT, {VARIABLES}]`, `{"Fn::Sub": TEXT}` or
    /// `{"Fn::Sub": [TEXT, {VARIABLES}]}`; nil for anything else.
    init?(_ value: Node) {
        let argument: Node
        if value.tag == "!Sub" {
            argument = value
        } else if value.isMapping, value.entries.count == 1, let (key, inner) = value.entries.first, key.text == "Fn::Sub" {
            argument = inner
        } else {
            return nil
        }
        if argument.isScalar, !argument.isNull {
            self.init(text: argument.text, node: argument)
        } else if argument.isSequence, let template = argument.elements.first, template.isScalar, !template.isNull {
            var text = template.text
            argument.elements.dropFirst().first?.forEachEntry { name, literal in
                // Only a plain literal that cannot end the JSON string it lands in.
                if literal.isScalar, literal.tag == nil, !literal.isNull, !literal.text.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline }) {
                    text = text.replacing("${\(name.text)}", with: literal.text)
                }
                return true
            }
            self.init(text: text, node: template)
        } else {
            return nil
        }
    }

    private init(text: String, node: Node) {
        self.text = text
        self.node = node
    }
}
