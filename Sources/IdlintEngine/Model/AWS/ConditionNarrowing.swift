/// Whether one IAM condition (operator, key, values) makes a statement narrower, so
/// that a rule may leave the statement alone. Most do; these do not:
///
/// - a key the caller writes itself: `aws:Referer` is an HTTP header any client sets;
/// - `aws:MultiFactorAuthPresent` tested for `false`: it asks for sessions *without* MFA;
/// - a negated operator (`StringNotEquals`, `ArnNotLike`, `NotIpAddress` ...), an
///   `...IfExists` operator or a `ForAllValues:` test on a key that a request may lack:
///   with the key absent, each holds (AWS's policy evaluation logic), so a caller
///   without it passes;
/// - a test of an empty value (`sts:ExternalId: ""`), which asks for nothing.
///
/// A condition idlint cannot read (an unresolved reference) still narrows: it is never
/// guessed into a finding.
enum ConditionNarrowing {
    /// Keys that the caller supplies, which prove nothing about who calls.
    private static let callerSuppliedKeys: Set<String> = ["aws:referer", "aws:useragent"]

    /// Global keys that every authenticated request carries, so that a negated or
    /// IfExists test of them still excludes someone.
    private static let alwaysPresentKeys: Set<String> = [
        "aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:userid", "aws:currenttime", "aws:epochtime",
        "aws:securetransport", "aws:requestedregion", "aws:viaawsservice",
    ]

    static func narrows(operator name: String, key: String, values: [String], unresolved: Bool) -> Bool {
        if unresolved { return true }
        let key = key.lowercased()
        // The operator without a `ForAllValues:`/`ForAnyValue:` qualifier, lower-cased.
        let operation = (name.split(separator: ":").last.map(String.init) ?? name).lowercased()
        if callerSuppliedKeys.contains(key) { return false }
        if key == "aws:multifactorauthpresent", operation.hasPrefix("bool"), values.allSatisfy({ $0.lowercased() == "false" }) { return false }
        if values.allSatisfy(\.isEmpty) { return false }
        let mayBeAbsent = !alwaysPresentKeys.contains(key)
        if mayBeAbsent, operation.hasSuffix("ifexists") { return false }
        // ForAllValues over a request without the key tests an empty set, which passes.
        if mayBeAbsent, name.lowercased().hasPrefix("forallvalues:") { return false }
        if mayBeAbsent, isNegated(operation) { return false }
        return true
    }

    /// `StringNotEquals`, `StringNotLike`, `ArnNotEquals`, `ArnNotLike`, `NumericNotEquals`,
    /// `DateNotEquals`, `NotIpAddress` (with or without IfExists).
    private static func isNegated(_ operation: String) -> Bool {
        operation.hasPrefix("notipaddress") || operation.contains("notequals") || operation.contains("notlike")
    }
}
