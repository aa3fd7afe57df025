import IdlintSyntax

/// Decides what each document is, from its content first. Every pack contributes a
/// recognizer; the first one that claims a document wins.
public protocol DocumentRecognizer: Sendable {
    /// Every kind this recognizer gives objects: the registry that rule files are checked
    /// against (`DocumentKind.registered`).
    static var producedKinds: [DocumentKind] { get }
    /// Those of its kinds it makes from XML documents only (none by default): their
    /// objects hold no lists, which rule files are checked against.
    static var kindsReadOnlyFromXML: [DocumentKind] { get }
    /// The document's objects, or nil when it is not of this recognizer's kinds. What
    /// the document holds where identity configuration belongs and cannot be read (a
    /// policy in a string that does not decode) goes into `problems`, as input errors:
    /// an input that should have been read and was not is never a pass.
    func recognize(_ document: Document, problems: inout [Diagnostic]) -> [RecognizedObject]?
    /// The same, for a document the scan may pair with other files (`CompanionFiles`):
    /// by default the document alone.
    func recognize(_ document: Document, companions: CompanionFiles, problems: inout [Diagnostic]) -> [RecognizedObject]?
}

extension DocumentRecognizer {
    public static var kindsReadOnlyFromXML: [DocumentKind] { [] }

    public func recognize(_ document: Document, companions: CompanionFiles, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        recognize(document, problems: &problems)
    }
}

public struct Recognition: Sendable {
    private let recognizers: [any DocumentRecognizer]

    /// The recognizers of a scan, in the order they are asked.
    public static let standardRecognizers: [any DocumentRecognizer] = [
        KubernetesRecognizer(), AWSPolicyRecognizer(), AWSExportRecognizer(), CloudFormationRecognizer(), TerraformPlanRecognizer(), GCPRecognizer(), AzureRecognizer(),
        SAMLRecognizer(), IdentityProviderRecognizer(), AutomationRecognizer(),
    ]

    public init(recognizers: [any DocumentRecognizer] = Recognition.standardRecognizers) {
        self.recognizers = recognizers
    }

    public func recognize(_ document: Document, companions: CompanionFiles = CompanionFiles(), problems: inout [Diagnostic]) -> [RecognizedObject] {
        for recognizer in recognizers {
            if let objects = recognizer.recognize(document, companions: companions, problems: &problems) { return objects }
        }
        return []
    }
}
