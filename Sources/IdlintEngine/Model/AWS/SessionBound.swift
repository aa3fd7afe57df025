import IdlintSyntax

/// An AWS role's maximum session duration, as a condition on the trust edges that let
/// principals assume it: credentials from assuming the role stay valid that long, so a
/// longer bound reaches further and a shorter one narrows. It is the one condition
/// whose value is ordered (`Privilege.covers` compares it by length), so lengthening is
/// a gain of every principal that may assume the role and shortening only a loss.
enum SessionBound {
    static let prefix = "sessions last up to "
    private static let unit = " seconds"
    /// What AWS applies to a role that names no maximum.
    static let defaultSeconds = 3600

    /// The bound of the role whose settings are `role` (CloudFormation `Properties`,
    /// Terraform values, a `get-role` export). Unwritten, a template's or module's role
    /// gets AWS's default; an account-details export leaves the field out whatever its
    /// value (it has a `RoleId`), so there the bound is unknown and none is claimed.
    static func condition(ofRole role: Node) -> String? {
        guard let value = role["MaxSessionDuration"] ?? role["max_session_duration"], !value.isNull else {
            return role["RoleId"] == nil ? text(defaultSeconds) : nil
        }
        guard value.isScalar, !value.isUnevaluated, let seconds = Int(value.text) else { return prefix + "a length idlint cannot evaluate" }
        return text(seconds)
    }

    /// The length a condition bounds sessions to, if it is a session bound.
    static func seconds(in condition: String) -> Int? {
        guard condition.hasPrefix(prefix), condition.hasSuffix(unit) else { return nil }
        return Int(condition.dropFirst(prefix.count).dropLast(unit.count))
    }

    private static func text(_ seconds: Int) -> String { prefix + String(seconds) + unit }
}
