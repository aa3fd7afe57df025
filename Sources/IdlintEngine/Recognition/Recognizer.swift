import IdlintSyntax

/// Decides what each document is, from its content first. Every pack contributes a
/// recognizer; the first one that claims a document wins.
public protocol DocumentRecognizer: Sendable {
    func recognize(_ document: Document) -> [RecognizedObject]?
}

public struct Recognition: Sendable {
    private let recognizers: [any DocumentRecognizer]

    public init(recognizers: [any DocumentRecognizer] = [KubernetesRecognizer(), AWSPolicyRecognizer(), CloudFormationRecognizer(), TerraformPlanRecognizer(), GCPRecognizer(), AzureRecognizer(), SAMLRecognizer(), IdentityProviderRecognizer(),
                                                                AutomationRecognizer()]) {
        self.recognizers = recognizers
    }

    public func recognize(_ document: Document) -> [RecognizedObject] {
        for recognizer in recognizers {
            if let objects = recognizer.recognize(document) { return objects }
        }
        return []
    }
}
