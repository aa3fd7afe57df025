import IdlintSyntax

/// One permission statement: actions on resources. Kubernetes rules, IAM statements,
/// GCP bindings and Azure role definitions all become statements, so rules about
/// wildcards and dangerous permissions are written once for every platform. A reference,
/// since every binding of a role shares its statements and analyses walk them often.
/// Its values (`StatementValue`: texts and packed places, read as `Located` values by
/// field) sit after its header in the object's own memory, field after field, so a
/// statement is one allocation: a separate block of values cost a pointer, a second
/// allocation's overhead and its rounding, for each of the hundreds of thousands of
/// statements of a large cluster (10 MB of the benchmark corpus's heap peak).
///
/// A value holding one reference. `@unchecked Sendable`: a `ManagedBuffer` is never
/// Sendable, but header and values are written once, in `init`, and only read after that.
public struct PermissionStatement: @unchecked Sendable {
    private let storage: StatementStorage

    /// Which statement this is: the bindings of one role share its statements.
    var identity: ObjectIdentifier { ObjectIdentifier(storage) }

    /// Builds a statement from values already laid out field after field, with the
    /// number of values in each of the first four fields (the rest are nonResourceURLs).
    init(values: [Located<String>], counts: (actions: Int, resources: Int, apiGroups: Int, resourceNames: Int), isDeny: Bool, location: SourceLocation?,
         excludedActions: [Located<String>]? = nil, excludedResources: [Located<String>]? = nil) {
        let afterResources = counts.actions + counts.resources
        let afterGroups = afterResources + counts.apiGroups
        // A statement's values come from one document, far below 2^31 of them.
        let wholeEnds: (Int32, Int32, Int32, Int32, count: Int32) = (Int32(counts.actions), Int32(afterResources), Int32(afterGroups), Int32(afterGroups + counts.resourceNames), Int32(values.count))
        let isWide = values.count >= Int(StatementHeader.wide)
        let ends: (UInt16, UInt16, UInt16, UInt16, count: UInt16) = isWide
            ? (0, 0, 0, 0, StatementHeader.wide)
            : (UInt16(wholeEnds.0), UInt16(wholeEnds.1), UInt16(wholeEnds.2), UInt16(wholeEnds.3), UInt16(wholeEnds.count))
        var keptWhole: [SourceSpan] = []
        var ownTexts: [String] = []
        // Places count from the first line any value is on: a statement's values are
        // written a few lines apart, nearly always after it starts.
        var baseLine = Int32.max
        for value in values { if let line = value.span?.start.line, line >= 1 { baseLine = min(baseLine, line) } }
        if baseLine == .max { baseLine = 0 }
        let span = location?.span ?? SourceSpan(at: SourcePosition(line: 0, column: 0))
        storage = unsafeDowncast(StatementStorage.create(minimumCapacity: values.count) { _ in
            StatementHeader(ends: ends, isDeny: isDeny, baseLine: baseLine, span: span, origin: location?.origin, complements: nil)
        }, to: StatementStorage.self)
        storage.withUnsafeMutablePointerToElements { elements in
            StatementTexts.ids(of: values.lazy.map(\.value)) { index, id in
                var place = ValuePlace.unwritten
                if let span = values[index].span {
                    if let packed = ValuePlace(packing: span, from: baseLine) {
                        place = packed
                    } else {
                        keptWhole.append(span)
                        place = ValuePlace(keptWholeAt: keptWhole.count - 1)
                    }
                }
                var text = id ?? 0
                if id == nil {
                    ownTexts.append(values[index].value)
                    text = StatementValue.ownText | UInt32(ownTexts.count - 1)
                }
                (elements + index).initialize(to: StatementValue(text: text, place: place))
            }
        }
        if excludedActions != nil || excludedResources != nil || !keptWhole.isEmpty || !ownTexts.isEmpty || isWide {
            let complements = StatementHeader.Complements(actions: excludedActions, resources: excludedResources, keptWhole: keptWhole,
                                                          ownTexts: ownTexts, wideEnds: isWide ? wholeEnds : nil)
            storage.header = StatementHeader(ends: ends, isDeny: isDeny, baseLine: baseLine, span: span, origin: location?.origin, complements: complements)
        }
    }

    /// A field of the header, read through its pointer: `ManagedBuffer.header` is a class's
    /// `var`, and every read of it checks exclusive access at run time (`swift_beginAccess`),
    /// on the hot path of every grant rule.
    private func header<Field>(_ field: (StatementHeader) -> Field) -> Field {
        storage.withUnsafeMutablePointerToHeader { field($0.pointee) }
    }

    private var ends: (Int32, Int32, Int32, Int32, count: Int32) { header(\.wholeEnds) }
    public var isDeny: Bool { header(\.isDeny) }
    /// Where the statement is written; its file is the file of every value.
    public var location: SourceLocation? {
        header { header in header.origin.map { SourceLocation(origin: $0, span: header.span) } }
    }
    /// What an IAM NotAction or NotResource leaves out. Such a field holds one '*' that
    /// stands for everything *but* these values: a complement, not a literal '*', so a
    /// rule about '*' itself (administrator access) does not count it, and a rule about a
    /// named action counts it only when the action is not among those left out. Nil for a
    /// field written as a list (nearly every statement).
    public var excludedActions: [Located<String>]? { header { $0.complements?.actions } }
    public var excludedResources: [Located<String>]? { header { $0.complements?.resources } }

    public var actions: StatementValues { StatementValues(self, 0..<Int(ends.0)) }
    public var resources: StatementValues { StatementValues(self, Int(ends.0)..<Int(ends.1)) }
    /// Kubernetes API groups; empty on platforms whose actions carry the service.
    public var apiGroups: StatementValues { StatementValues(self, Int(ends.1)..<Int(ends.2)) }
    /// Names that narrow the statement to specific objects.
    public var resourceNames: StatementValues { StatementValues(self, Int(ends.2)..<Int(ends.3)) }
    public var nonResourceURLs: StatementValues { StatementValues(self, Int(ends.3)..<Int(ends.count)) }

    /// The value at `index` of all fields, field after field.
    func value(at index: Int) -> Located<String> {
        storage.withUnsafeMutablePointers { header, elements in
            precondition(index >= 0 && index < Int(header.pointee.wholeEnds.count), "index out of range")
            let value = elements[index]
            // Texts and places the shared forms do not hold were kept in the complements
            // when the statement was made.
            let text = value.text & StatementValue.ownText == 0
                ? StatementTexts.text(value.text) : header.pointee.complements!.ownTexts[Int(value.text & ~StatementValue.ownText)]
            let place = value.place
            if let kept = place.keptWholeIndex { return Located(text, span: header.pointee.complements!.keptWhole[kept]) }
            return Located(text, span: place.packedSpan(from: header.pointee.baseLine))
        }
    }

    public var isNarrowed: Bool { ends.3 > ends.2 }

    /// What a field's '*' leaves out when it is a complement (NotAction, NotResource).
    public func excluded(in field: GrantField) -> [Located<String>]? {
        switch field {
        case .actions: excludedActions
        case .resources: excludedResources
        case .apiGroups: nil
        }
    }

    /// The field's literal '*', if it holds one: a complement's '*' is not one.
    public func literalWildcard(in field: GrantField) -> Located<String>? {
        guard excluded(in: field) == nil else { return nil }
        return field.values(of: self).first { $0.value == "*" }
    }

    /// The place of one of this statement's values.
    public func location(of value: Located<String>) -> SourceLocation? {
        value.location(in: location?.origin)
    }
}

/// A statement's memory: its header, then its values.
final class StatementStorage: ManagedBuffer<StatementHeader, StatementValue> {
    deinit {
        _ = withUnsafeMutablePointers { header, elements in elements.deinitialize(count: Int(header.pointee.ends.count)) }
    }
}

/// Where a grant applies.
public enum GrantScope: Sendable, Hashable, CustomStringConvertible {
    case cluster
    case namespace(String)
    /// A policy document: wherever it is attached.
    case attached

    public var description: String {
        switch self {
        case .cluster: "cluster-wide"
        case .namespace(let namespace): "in namespace \(namespace)"
        case .attached: "wherever it is attached"
        }
    }
}

/// A named object: role, binding, policy. `location` points at its name.
public struct ObjectRef: Sendable, Hashable, CustomStringConvertible {
    public var kind: String
    public var name: String
    public var namespace: String?
    public var location: SourceLocation?

    public init(kind: String, name: String, namespace: String? = nil, location: SourceLocation?) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.location = location
    }

    public var description: String {
        if let namespace { return "\(kind) \(namespace)/\(name)" }
        return "\(kind) \(name)"
    }
}

/// A subject as written in a binding, with the place it was written.
public struct SubjectRef: Sendable, Hashable {
    public var principal: PrincipalRef
    public var location: SourceLocation?

    public init(principal: PrincipalRef, location: SourceLocation?) {
        self.principal = principal
        self.location = location
    }
}

/// A role's statements as they reach the subjects of one binding: the unit in which
/// grants are stored, since every subject of a binding gets the same statements. A role
/// that nothing binds in the scanned files is a set without subjects, so its risks are
/// still reported on the role itself. A class: sets are shared, never copied.
public final class GrantSet: Sendable {
    public let platform: Platform
    /// The role's own statements plus those aggregated into it.
    public let statements: [PermissionStatement]
    public let scope: GrantScope
    public let role: ObjectRef
    public let binding: ObjectRef?
    public let subjects: [SubjectRef]
    /// The permission boundary over an AWS policy's statements.
    public var boundary: BoundaryState { attachment?.boundary ?? .unknown }
    /// The AWS role or user whose policy this is, when known: permissions that are
    /// dangerous only together are looked for across all of its policies.
    public var owner: ObjectRef? { attachment?.owner }
    /// The AWS identities a policy resource names as its holders (CloudFormation's
    /// `Users`, `Groups`, `Roles`): each holds the statements in the privilege delta.
    public var attachedTo: [PrincipalRef] { attachment?.attachedTo ?? [] }
    /// Boundary, owner and holders in one optional reference: only AWS policies have
    /// them, and they took half of each set of a large cluster's tens of thousands.
    private let attachment: Attachment?

    private final class Attachment: Sendable {
        let boundary: BoundaryState
        let owner: ObjectRef?
        let attachedTo: [PrincipalRef]

        init(boundary: BoundaryState, owner: ObjectRef?, attachedTo: [PrincipalRef]) {
            self.boundary = boundary
            self.owner = owner
            self.attachedTo = attachedTo
        }
    }
    /// The unconditional Deny statements among `statements`, which take precedence over
    /// its Allows: found once here, not once per grant rule (IAM sets hold few; RBAC none).
    let unconditionalDenies: [PermissionStatement]

    public init(platform: Platform, statements: [PermissionStatement], scope: GrantScope, role: ObjectRef, binding: ObjectRef? = nil, subjects: [SubjectRef] = [],
                boundary: BoundaryState = .unknown, owner: ObjectRef? = nil, attachedTo: [PrincipalRef] = []) {
        self.platform = platform
        let unknownBoundary = if case .unknown = boundary { true } else { false }
        attachment = unknownBoundary && owner == nil && attachedTo.isEmpty ? nil : Attachment(boundary: boundary, owner: owner, attachedTo: attachedTo)
        self.statements = statements
        self.scope = scope
        self.role = role
        self.binding = binding
        self.subjects = subjects
        unconditionalDenies = statements.filter { $0.isDeny && !$0.isNarrowed }
    }

    public var isBound: Bool { binding != nil && !subjects.isEmpty }

    /// The boundary's statements when it was found in the scan.
    var boundaryStatements: [PermissionStatement]? {
        if case .named(let boundary) = boundary { boundary.statements } else { nil }
    }
}
