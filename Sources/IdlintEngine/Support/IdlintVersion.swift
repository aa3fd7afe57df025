/// idlint's version, reported in every output format.
public enum IdlintVersion {
    public static let current = "0.1.0"
    public static let informationURI = "https://github.com/idlint/idlint"
    /// Where the built-in rules' pages (`docs/rules/ID.md`) are published; SARIF links
    /// each rule there unless a team names its own copy (`rule-docs-url:`).
    public static let ruleDocsURL = informationURI + "/blob/main/docs/rules/"
}
