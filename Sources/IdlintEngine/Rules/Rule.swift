import IdlintSyntax

/// A rule: metadata that every finding carries, and a matcher that finds it.
public struct Rule: Sendable, Identifiable {
    public var id: String
    public var title: String
    public var severity: Severity
    public var rationale: String
    public var remediation: String
    /// Catalog-qualified control ids, e.g. `OWASP-NHI-2025:NHI5`.
    public var controls: [String]
    /// The ruleset family (file) it belongs to, e.g. `kubernetes`.
    public var family: String
    /// Message template; see docs/rules.md for the placeholders.
    public var message: String
    public var matcher: RuleMatcher
    /// Where the rule is defined; nil for nothing.
    public var definedAt: SourceLocation?
    /// True for rules that ship inside idlint.
    public var isBuiltIn: Bool
    /// A page with more about the rule (a user rule's own documentation).
    public var helpURI: String?
    /// Readable names for opaque values, for `{value-name}` in messages (permission GUIDs).
    public var valueNames: [String: String] = [:]
    /// Why each control applies: one line per entry of `controls`, for auditors.
    public var controlRationale: [String: String] = [:]
    /// How often its findings are right; judged from the matcher unless the rule says.
    public var precision: RulePrecision

    public init(id: String, title: String, severity: Severity, rationale: String, remediation: String, controls: [String], family: String,
                message: String, matcher: RuleMatcher, definedAt: SourceLocation?, isBuiltIn: Bool, helpURI: String? = nil) {
        self.helpURI = helpURI
        self.id = id
        self.title = title
        self.severity = severity
        self.rationale = rationale
        self.remediation = remediation
        self.controls = controls
        self.family = family
        self.message = message
        self.matcher = matcher
        self.definedAt = definedAt
        self.isBuiltIn = isBuiltIn
        precision = RulePrecision.judged(from: matcher)
    }
}

extension Rule {
    /// The rule's own page when it names one, else a built-in rule's generated page
    /// (`docs/rules/ID.md`) under `base`; nil for a user rule without `help-uri`.
    public func helpPage(under base: String = IdlintVersion.ruleDocsURL) -> String? {
        helpURI ?? (isBuiltIn ? (base.hasSuffix("/") ? base : base + "/") + id + ".md" : nil)
    }
}

public enum RuleMatcher: Sendable {
    case document(DocumentMatcher)
    case grants(GrantMatcher)
    /// A whole-model analysis written in Swift, named by the rule.
    case analysis(String)
}

/// The document half of the rule language: which objects, which elements, what must hold.
public struct DocumentMatcher: Sendable {
    public var kinds: Set<DocumentKind>
    /// The elements to test, each a potential finding; the object itself when nil.
    public var each: NodePath?
    public var condition: Condition?
    /// Where inside the matched element to report; the element itself when nil.
    public var at: NodePath?
    /// When set, `at` reports the first node at its path that passes this test.
    public var atTest: NodeTest?
    /// The matched value is secret material and must be redacted in all output.
    public var evidenceIsSecret: Bool

    public init(kinds: Set<DocumentKind>, each: NodePath?, condition: Condition?, at: NodePath?, atTest: NodeTest? = nil, evidenceIsSecret: Bool) {
        self.atTest = atTest
        self.kinds = kinds
        self.each = each
        self.condition = condition
        self.at = at
        self.evidenceIsSecret = evidenceIsSecret
    }
}
