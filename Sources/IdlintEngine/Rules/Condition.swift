import FoundationEssentials
import IdlintSyntax

/// The predicate part of the rule language, evaluated against a candidate (a node and
/// the mapping key it sits under). `{path: P, <test>}` holds when some node at P passes
/// the test (alternatives of P written with `$` start at the object's root instead of
/// the candidate); `exists: false` holds when P selects nothing. `all`, `any` and `not`
/// combine conditions; `{path: P, some: C}` holds when some node at P satisfies C, judged
/// with that node as the candidate (a step that uses one action *with* one input).
public indirect enum Condition: Sendable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case test(path: NodePath, NodeTest)
    case some(path: NodePath, Condition)

    public func holds(at candidate: NodePath.Match, root: Node) -> Bool {
        evaluate(at: candidate, root: root) == true
    }

    /// Three-valued: nil when the answer turns on a value idlint did not evaluate (a
    /// Terraform reference), so that neither a test nor its negation holds on one and an
    /// unresolved reference never makes a finding on its own.
    func evaluate(at candidate: NodePath.Match, root: Node) -> Bool? {
        switch self {
        case .all(let conditions):
            var unknown = false
            for condition in conditions {
                switch condition.evaluate(at: candidate, root: root) {
                case false?: return false
                case nil: unknown = true
                case true?: break
                }
            }
            return unknown ? nil : true
        case .any(let conditions):
            var unknown = false
            for condition in conditions {
                switch condition.evaluate(at: candidate, root: root) {
                case true?: return true
                case nil: unknown = true
                case false?: break
                }
            }
            return unknown ? nil : false
        case .not(let condition):
            return condition.evaluate(at: candidate, root: root).map { !$0 }
        case .some(let path, let condition):
            // True once a node satisfies the condition; unknown when none does but one
            // could not be judged.
            var found = false
            var unknown = false
            path.forEach(from: candidate, root: root, reportingUnknown: true) { match in
                if match.isBeyondUnknown {
                    unknown = true
                    return true
                }
                switch condition.evaluate(at: match, root: root) {
                case true?: found = true
                case nil: unknown = true
                case false?: break
                }
                return !found
            }
            return found ? true : (unknown ? nil : false)
        case .test(let path, let test):
            // Some node at the path passes: true once one does, unknown when none does
            // but one could not be judged (an unevaluated value, or a path that runs into one).
            var unknown = false
            if case .exists(let expected) = test {
                var found = false
                path.forEach(from: candidate, root: root, reportingUnknown: true) { match in
                    if match.isBeyondUnknown { unknown = true } else { found = true }
                    return !found
                }
                return found ? expected : (unknown ? nil : !expected)
            }
            let stopped = !path.forEach(from: candidate, root: root, reportingUnknown: true) { match in
                // A template whose literal part decides a text glob matches whatever the rest
                // is. (Path globs are never certain: the unknown part may hold a '/'.)
                if match.node.isUnevaluated, case .glob(let globs) = test, let partial = PartialText(template: match.node.text),
                   globs.contains(where: partial.certainlyMatches) {
                    return false
                }
                if match.isBeyondUnknown || (match.node.isUnevaluated && !test.judgesExpressions) {
                    unknown = true
                    return true
                }
                if case .sameTextAsAnother(let others) = test {
                    return !Self.anotherNode(at: others, from: root, hasTextOf: match.node)
                }
                if test.passes(match) { return false }
                // A mapping whose unmatched keys include an unevaluated one may hold the key.
                if case .keyGlob = test, match.node.entries.contains(where: { $0.key.isUnevaluated }) { unknown = true }
                return true
            }
            return stopped ? true : (unknown ? nil : false)
        }
    }
}

extension Condition {
    /// Whether a node other than `node` at `path` (from the root) has the same scalar text.
    static func anotherNode(at path: NodePath, from root: Node, hasTextOf node: Node) -> Bool {
        guard node.isScalar else { return false }
        let text = node.text
        guard !text.isEmpty else { return false }
        var found = false
        path.forEach(from: root) { other in
            found = other.node.isScalar && !other.node.isSameNode(as: node) && other.node.textEquals(text)
            return !found
        }
        return found
    }
}

/// A test of one node.
public enum NodeTest: Sendable {
    /// Scalar text equals one of the values.
    case equals([String])
    /// Scalar text equals one of the values, ignoring ASCII case (GUIDs, host names);
    /// the values are stored lowercased.
    case equalsIgnoringCase([String])
    /// Scalar text matches one of the globs (case-sensitive).
    case glob([GlobPattern])
    case exists(Bool)
    case shape(NodeShape)
    /// A mapping with a key matching one of the globs (IAM condition keys, annotations).
    case keyGlob([GlobPattern])
    /// The node's own mapping key matches one of the globs (`env` entries named *TOKEN*).
    case nameGlob([GlobPattern])
    /// A number (or numeric text, as Keycloak writes client attributes) above the bound.
    case above(Threshold)
    /// A number below the bound.
    case below(Threshold)
    /// Base64url text (a JWK modulus) that decodes to fewer bits than the bound.
    case bitsBelow(Threshold)
    /// A credential whose start and end dates (startDateTime/endDateTime, or the older
    /// startDate/endDate) lie more than the bound in days apart.
    case validityDaysAbove(Threshold)
    /// Another scalar at the path (walked from the object's root) has the same text: one
    /// token handed to several servers. Needs the root, so it is evaluated by `Condition`
    /// and cannot be an `at` test.
    case sameTextAsAnother(NodePath)
    /// An ISO 8601 date (SAML `validUntil`) more days after now than the bound.
    case daysUntilAbove(Threshold, now: Date?)
    /// An ISO 8601 date fewer days after now than the bound (or already past).
    case daysUntilBelow(Threshold, now: Date?)
    /// A test of the certificate the node holds (base64 DER or PEM).
    case certificate(CertificateTest, now: Date?)
    /// What a scalar's text holds, judged by its content (`content: credential`).
    case content(ContentTest)
    /// An IAM `Condition` block with at least one condition that narrows the statement
    /// (`iam-condition: narrows`; see `ConditionNarrowing`): `aws:Referer` alone does not.
    case iamConditionNarrows
}

/// What `content:` looks for in a value.
public enum ContentTest: String, Sendable, CaseIterable {
    /// A private key, an issued token, a URL with a password, configuration text that sets
    /// a credential-named key, or a random-looking token (see `CredentialContent`).
    case credential
    /// A mapping entry read as a line of configuration text, `key: value`: its key names a
    /// credential by its last words (`DB_PASSWORD`, `stripe-api-key`; not `token-url` or
    /// `password_file`, see `CredentialContent.isCredentialName`) and its value is written
    /// out (not a placeholder, a reference such as `$x`, or a boolean). For settings
    /// objects whose keys are names (a ConfigMap's data), where a glob over the key would
    /// also take `cache-key` or `token-audience`.
    case credentialEntry = "credential-entry"
}

/// A numeric bound in a rule: a literal, or a named threshold whose value comes from
/// `rulesets/thresholds.yaml` and can be changed in `.idlint.yaml`. Named bounds are
/// resolved once, when the library is complete; an unresolved bound matches nothing.
public struct Threshold: Sendable, Equatable {
    public var name: String?
    public var value: Double

    public static func literal(_ value: Double) -> Threshold { Threshold(name: nil, value: value) }
    public static func named(_ name: String) -> Threshold { Threshold(name: name, value: .nan) }
}

public enum NodeShape: String, Sendable, CaseIterable {
    case scalar, mapping, sequence, null, `true`, `false`, empty
    /// A value written out as it is: a scalar that is not null, carries no YAML tag (not a
    /// CloudFormation `!Ref` or `!Sub`) and is no expression left unevaluated.
    case literal
}

extension NodeTest {
    /// Tests that read only a node's place or shape, not its value, hold on an
    /// unevaluated expression as on any scalar.
    var judgesExpressions: Bool {
        switch self {
        case .exists, .nameGlob: return true
        case .shape(let shape): return shape == .scalar || shape == .mapping || shape == .sequence
        default: return false
        }
    }

    func passes(_ match: NodePath.Match) -> Bool {
        let node = match.node
        switch self {
        case .equals(let values):
            return node.isScalar && values.contains { node.textEquals($0) }
        case .equalsIgnoringCase(let values):
            guard node.isScalar else { return false }
            let text = node.text.lowercased()
            return values.contains(text)
        case .glob(let globs):
            guard node.isScalar else { return false }
            let text = node.text
            return globs.contains { $0.matches(text) }
        case .exists(let expected):
            return expected
        case .sameTextAsAnother:
            return false
        case .nameGlob(let globs):
            guard let key = match.key, key.isScalar else { return false }
            let name = key.text
            return globs.contains { $0.matches(name) }
        case .keyGlob(let globs):
            var found = false
            node.forEachEntry { key, _ in
                if key.isScalar, globs.contains(where: { $0.matches(key.text) }) { found = true }
                return !found
            }
            return found
        case .above(let bound):
            guard let number = Self.number(node) else { return false }
            return number > bound.value
        case .below(let bound):
            guard let number = Self.number(node) else { return false }
            return number < bound.value
        case .bitsBelow(let bound):
            guard node.isScalar else { return false }
            return Double(Self.base64urlBits(node.text)) < bound.value
        case .validityDaysAbove(let bound):
            guard let days = Self.validityDays(node) else { return false }
            return days > bound.value
        case .daysUntilAbove(let bound, let now):
            guard let now, let date = Self.date(node) else { return false }
            return date.timeIntervalSince(now) / 86_400 > bound.value
        case .daysUntilBelow(let bound, let now):
            guard let now, let date = Self.date(node) else { return false }
            return date.timeIntervalSince(now) / 86_400 < bound.value
        case .certificate(let test, let now):
            guard node.isScalar, !node.text.isEmpty else { return false }
            return test.holds(for: CertificateDecoder.read(node.text), now: now)
        case .iamConditionNarrows:
            return node.isMapping && !AWSPolicy.conditions(in: node, narrowingOnly: true).isEmpty
        case .content(let test):
            guard node.isScalar, !node.isNull else { return false }
            switch test {
            case .credential: return CredentialContent.holdsCredential(node.text)
            case .credentialEntry:
                guard let key = match.key, key.isScalar else { return false }
                let value = Substring(node.text.trimmingBlanks())
                return CredentialContent.isCredentialName(Substring(key.text)) && !value.isEmpty && !CredentialContent.isPlaceholder(value)
            }
        case .shape(let shape):
            switch shape {
            case .scalar: return node.isScalar
            case .mapping: return node.isMapping
            case .sequence: return node.isSequence
            case .null: return node.isNull
            case .true: return node.boolValue == true
            case .false: return node.boolValue == false
            case .empty: return node.isNull || (node.isScalar && node.text.isEmpty) || (!node.isScalar && node.count == 0)
            case .literal: return node.isScalar && !node.isNull && node.tag == nil && !node.isUnevaluated
            }
        }
    }
}

extension NodeTest {
    /// A number, numeric text, or a Go duration such as `24h` or `1h30m` in seconds
    /// (Dex writes lifetimes that way).
    static func number(_ node: Node) -> Double? {
        guard node.isScalar else { return nil }
        let text = node.text.trimmingBlanks()
        return Double(text) ?? goDurationSeconds(text)
    }

    static func goDurationSeconds(_ text: String) -> Double? {
        let units: [Substring: Double] = ["ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600]
        var total = 0.0
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { $0.isLetter }
            guard let scale = units[unit] else { return nil }
            rest = rest.dropFirst(unit.count)
            total += value * scale
        }
        return total
    }

    /// How Terraform's `end_date_relative` reads when no start is written: a duration
    /// from the apply (`17520h after apply`), not a date.
    static let afterApply = " after apply"

    static func validityDays(_ node: Node) -> Double? {
        guard node.isMapping else { return nil }
        if let end = node["endDateTime"], end.isScalar, end.text.hasSuffix(afterApply),
           let seconds = goDurationSeconds(String(end.text.dropLast(afterApply.count))) {
            return seconds / 86_400
        }
        guard let start = (node["startDateTime"] ?? node["startDate"]).flatMap(date),
              let end = (node["endDateTime"] ?? node["endDate"]).flatMap(date) else { return nil }
        return end.timeIntervalSince(start) / 86_400
    }

    /// An ISO 8601 timestamp, with or without fractional seconds (Graph writes both).
    static func date(_ node: Node) -> Date? {
        guard node.isScalar else { return nil }
        let text = node.text
        return UTCMoment.moment(text)
    }

    /// Bits that base64 or base64url text decodes to, padding and whitespace ignored.
    static func base64urlBits(_ text: String) -> Int {
        let symbols = text.utf8.reduce(0) { count, byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                return count + 1
            default:
                return count
            }
        }
        return symbols * 6 / 8 * 8
    }

    /// The same test with its named bound replaced by a value.
    func resolvingThresholds(_ resolve: (Threshold) throws -> Threshold) rethrows -> NodeTest {
        switch self {
        case .above(let bound): return .above(try resolve(bound))
        case .below(let bound): return .below(try resolve(bound))
        case .bitsBelow(let bound): return .bitsBelow(try resolve(bound))
        case .validityDaysAbove(let bound): return .validityDaysAbove(try resolve(bound))
        case .daysUntilAbove(let bound, let now): return .daysUntilAbove(try resolve(bound), now: now)
        case .daysUntilBelow(let bound, let now): return .daysUntilBelow(try resolve(bound), now: now)
        case .certificate(let test, let now): return .certificate(try test.resolvingThresholds(resolve), now: now)
        default: return self
        }
    }

    /// Whether the test's bound is a named threshold, which resolution fills in.
    var namesThreshold: Bool {
        switch self {
        case .above(let bound), .below(let bound), .bitsBelow(let bound), .validityDaysAbove(let bound),
             .daysUntilAbove(let bound, _), .daysUntilBelow(let bound, _):
            bound.name != nil
        case .certificate(let test, _): test.namesThreshold
        default: false
        }
    }

    /// The same test judged as of `now` (time-dependent tests only).
    func judged(asOf now: Date) -> NodeTest {
        switch self {
        case .daysUntilAbove(let bound, _): .daysUntilAbove(bound, now: now)
        case .daysUntilBelow(let bound, _): .daysUntilBelow(bound, now: now)
        case .certificate(let test, _): .certificate(test, now: now)
        default: self
        }
    }
}

extension Condition {
    /// The condition with every time-dependent test judged as of `now`: one clock for a
    /// whole scan, injectable, so that tests and audits do not rot.
    func judged(asOf now: Date) -> Condition {
        switch self {
        case .all(let conditions): .all(conditions.map { $0.judged(asOf: now) })
        case .any(let conditions): .any(conditions.map { $0.judged(asOf: now) })
        case .not(let condition): .not(condition.judged(asOf: now))
        case .test(let path, let test): .test(path: path, test.judged(asOf: now))
        case .some(let path, let condition): .some(path: path, condition.judged(asOf: now))
        }
    }

    /// Whether some test inside names a threshold.
    var namesThreshold: Bool {
        switch self {
        case .all(let conditions), .any(let conditions): conditions.contains { $0.namesThreshold }
        case .not(let condition), .some(_, let condition): condition.namesThreshold
        case .test(_, let test): test.namesThreshold
        }
    }

    func resolvingThresholds(_ resolve: (Threshold) throws -> Threshold) rethrows -> Condition {
        switch self {
        case .all(let conditions): return .all(try conditions.map { try $0.resolvingThresholds(resolve) })
        case .any(let conditions): return .any(try conditions.map { try $0.resolvingThresholds(resolve) })
        case .not(let condition): return .not(try condition.resolvingThresholds(resolve))
        case .test(let path, let test): return .test(path: path, try test.resolvingThresholds(resolve))
        case .some(let path, let condition): return .some(path: path, try condition.resolvingThresholds(resolve))
        }
    }
}
