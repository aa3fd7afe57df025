/// The statements of every grant set with their verbs, resources and API groups turned
/// into small integers, once per scan. Grant rules test millions of statement-pattern
/// pairs on large inputs; comparing numbers against per-rule masks makes that cheap,
/// and only statements that pass go through the full string matching.
struct StatementIndex: Sendable {
    /// Text of each symbol id.
    private(set) var names: [String] = []
    /// Which symbols occur as resources and as API groups (actions: `listsByAction`), so a
    /// rule's masks test each name only against the patterns it can meet.
    private var resourceSymbols = Set<Int32>()
    private var groupSymbols = Set<Int32>()
    /// Per grant set, where its statements start in `offsets`. Sets of the same role
    /// share their statements, which are indexed once.
    private var setStarts: [Int] = []
    /// Per grant set, how many statements it has.
    private var setCounts: [Int] = []
    /// Per statement, where its record starts in `records`: 32 bits, half the size of an
    /// `Int`, for each of the hundreds of thousands of statements of a large cluster.
    private var offsets: [UInt32] = []
    /// Each statement as `[head, ids...]`: its actions, resources and API groups, field
    /// after field. The head holds the flags (`deny`, `narrowed`) and, in 9 bits each,
    /// the three counts; a statement with a field of 512 or more values has `wide` set and
    /// its counts in the three words after the head. One word where there were four is
    /// 5 MB of the benchmark corpus's peak.
    private var records: [Int32] = []
    /// Per grant set, which distinct list of statements it has (bindings of one role share
    /// theirs), and per action symbol the lists that name it, in order. Kept by list, not
    /// by set: a role bound a thousand times named its verbs to each binding's set, a
    /// dictionary append per verb per set, on one core before any rule could start.
    private var listOfSet: [Int32] = []
    private var listCount = 0
    private var listsByAction: [Int32: [Int32]] = [:]
    private var idByName: [String: Int32] = [:]
    /// Resource symbols that are ARNs, by the parts `GrantPattern.covers` compares, and
    /// those written `*/sub`: a rule's resource mask looks these up instead of testing
    /// every resource name (an IAM corpus has one per ARN, tens of thousands).
    private var resourcesByARN: [ARNKey: [Int32]] = [:]
    private var subresourceWildcards: [Int32] = []

    private struct ARNKey: Hashable {
        var service: String
        var resource: String

        init(_ parts: GrantPattern.ARNParts) {
            service = String(parts.service)
            resource = String(parts.resource)
        }
    }

    static let deny: Int32 = 1
    static let narrowed: Int32 = 2
    static let wide: Int32 = 4
    private static let countBits: Int32 = 9
    private static let countLimit = 1 << countBits

    /// How many words a record's head takes: one, or four when a count needs more than
    /// `countBits`.
    private static func headLength(actions: Int, resources: Int, groups: Int) -> Int {
        max(actions, resources, groups) < countLimit ? 1 : 4
    }

    /// Appends a statement's head: one word, or four for a wide one.
    private static func appendHead(of statement: PermissionStatement, to records: inout [Int32]) {
        let flags = (statement.isDeny ? deny : 0) | (statement.isNarrowed ? narrowed : 0)
        let (actions, resources, groups) = (statement.actions.count, statement.resources.count, statement.apiGroups.count)
        guard headLength(actions: actions, resources: resources, groups: groups) == 1 else {
            records += [flags | wide, Int32(clamping: actions), Int32(clamping: resources), Int32(clamping: groups)]
            return
        }
        records.append(flags | Int32(actions) << 3 | Int32(resources) << (3 + countBits) | Int32(groups) << (3 + 2 * countBits))
    }

    /// The counts of the record at `start`, and where its ids begin.
    private func counts(at start: Int) -> (actions: Int, resources: Int, groups: Int, ids: Int) {
        let head = records[start]
        if head & Self.wide != 0 { return (Int(records[start + 1]), Int(records[start + 2]), Int(records[start + 3]), start + 4) }
        let mask = Int32(Self.countLimit - 1)
        return (Int(head >> 3 & mask), Int(head >> (3 + Self.countBits) & mask), Int(head >> (3 + 2 * Self.countBits) & mask), start + 1)
    }

    init(_ sets: [GrantSet]) {
        func id(_ text: String) -> Int32 {
            if let known = idByName[text] { return known }
            let new = Int32(names.count)
            names.append(text)
            idByName[text] = new
            return new
        }
        setStarts.reserveCapacity(sets.count)
        setCounts.reserveCapacity(sets.count)
        // Keyed by the statements themselves: bindings of one role share them. A first
        // pass numbers each distinct list and counts what it will take, so the records
        // are made at their length: grown by doubling and then copied to it, they were
        // held about twice over at the moment of the copy, the scan's peak (20 MB on the
        // benchmark's corpus).
        var listByStatements: [[ObjectIdentifier]: Int] = [:]
        listOfSet.reserveCapacity(sets.count)
        var statementCount = 0
        var recordCount = 0
        for set in sets {
            let identity = set.statements.map(\.identity)
            if let known = listByStatements[identity] {
                listOfSet.append(Int32(known))
                continue
            }
            listByStatements[identity] = listByStatements.count
            listOfSet.append(Int32(listByStatements.count - 1))
            statementCount += set.statements.count
            recordCount += set.statements.reduce(0) { total, statement in
                let (actions, resources, groups) = (statement.actions.count, statement.resources.count, statement.apiGroups.count)
                return total + Self.headLength(actions: actions, resources: resources, groups: groups) + actions + resources + groups
            }
        }
        listCount = listByStatements.count
        listByStatements = [:]
        // Records are indexed in 32 bits: four billion is far past any scan's statements
        // (the scan's files are bounded in size and number long before).
        precondition(recordCount <= Int(UInt32.max), "too many statement records to index")
        offsets.reserveCapacity(statementCount)
        records.reserveCapacity(recordCount)
        // Each distinct list's start and verbs: a set that shares its role's statements
        // with others shares their verbs too, without reading them again.
        var listStarts = [Int?](repeating: nil, count: listCount)
        for (setIndex, set) in sets.enumerated() {
            let list = listOfSet[setIndex]
            let start = listStarts[Int(list)] ?? {
                let start = offsets.count
                listStarts[Int(list)] = start
                for statement in set.statements {
                    offsets.append(UInt32(records.count))
                    Self.appendHead(of: statement, to: &records)
                    for value in statement.actions {
                        let symbol = id(value.value)
                        if listsByAction[symbol]?.last != list { listsByAction[symbol, default: []].append(list) }
                        records.append(symbol)
                    }
                    for value in statement.resources {
                        let symbol = id(value.value)
                        if resourceSymbols.insert(symbol).inserted {
                            if let parts = GrantPattern.arnParts(value.value) {
                                resourcesByARN[ARNKey(parts), default: []].append(symbol)
                            } else if value.value.hasPrefix("*/") {
                                subresourceWildcards.append(symbol)
                            }
                        }
                        records.append(symbol)
                    }
                    for value in statement.apiGroups {
                        let symbol = id(value.value)
                        groupSymbols.insert(symbol)
                        records.append(symbol)
                    }
                }
                return start
            }()
            setStarts.append(start)
            setCounts.append(set.statements.count)
        }
    }

    /// Grant sets whose statements list an action that allows one of `actions`: the
    /// same name, `*`, or an IAM wildcard that matches it.
    func sets(listing actions: [GrantPattern]) -> [Int] {
        sets(ofLists: listsByAction.filter { symbol, _ in actions.contains(where: { $0.allows(action: names[Int(symbol)]) }) }.values)
    }

    /// Grant sets that grant `*` verbs somewhere.
    func setsWithWildcardAction() -> [Int] {
        sets(ofLists: idByName["*"].flatMap { listsByAction[$0] }.map { [$0] } ?? [])
    }

    /// The sets, in order, whose list of statements is one of `lists`.
    private func sets(ofLists lists: some Sequence<[Int32]>) -> [Int] {
        var marked = [Bool](repeating: false, count: listCount)
        for group in lists {
            for list in group { marked[Int(list)] = true }
        }
        return listOfSet.indices.filter { marked[Int(listOfSet[$0])] }
    }

    /// A rule's patterns as masks over symbol ids.
    struct Masks: Sendable {
        fileprivate var patterns: [(actions: SymbolMask, resources: SymbolMask, groups: SymbolMask?)]
    }

    /// Which symbols a pattern meets, one bit each: a rule's masks are made for every
    /// rule of a scan, and a byte per symbol of a large corpus was megabytes to clear.
    struct SymbolMask: Sendable {
        private var words: [UInt64]

        init(count: Int) {
            words = [UInt64](repeating: 0, count: (count + 63) / 64)
        }

        subscript(symbol: Int) -> Bool {
            words[symbol >> 6] & (1 << UInt64(symbol & 63)) != 0
        }

        mutating func insert(_ symbol: Int32) {
            words[Int(symbol) >> 6] |= 1 << UInt64(symbol & 63)
        }
    }

    func masks(for patterns: [GrantPattern]) -> Masks {
        Masks(patterns: patterns.map { pattern in
            var actions = SymbolMask(count: names.count)
            for symbol in listsByAction.keys where pattern.allows(action: names[Int(symbol)]) { actions.insert(symbol) }
            var groups: SymbolMask?
            if !pattern.apiGroups.isEmpty {
                var mask = SymbolMask(count: names.count)
                for symbol in groupSymbols where names[Int(symbol)] == "*" || pattern.apiGroups.contains(names[Int(symbol)]) { mask.insert(symbol) }
                groups = mask
            }
            return (actions, resourceMask(pattern), groups)
        })
    }

    /// The resource symbols `pattern.covers` accepts, found from the pattern's side:
    /// `*`, the resources it names, the ARNs with its wanted parts, and `*/sub` names.
    /// `StatementIndexTests` holds this equal to `covers` over every symbol.
    private func resourceMask(_ pattern: GrantPattern) -> SymbolMask {
        var mask = SymbolMask(count: names.count)
        func mark(_ name: String) {
            if let symbol = idByName[name], resourceSymbols.contains(symbol) { mask.insert(symbol) }
        }
        mark("*")
        pattern.resources.forEach(mark)
        // Most cloud rules want '*' itself, which only the symbol '*' covers.
        guard pattern.resources != ["*"] else { return mask }
        for wanted in pattern.wantedARNs {
            for symbol in resourcesByARN[ARNKey(wanted)] ?? [] { mask.insert(symbol) }
        }
        for symbol in subresourceWildcards where pattern.covers(names[Int(symbol)]) { mask.insert(symbol) }
        return mask
    }

    /// Whether some Allow statement of grant set `set` may allow one of the patterns:
    /// false means the set surely grants none, and its objects need not be read at all.
    func anyAllowMayAllow(set: Int, _ masks: Masks) -> Bool {
        (0..<setCounts[set]).contains { index in
            records[Int(offsets[setStarts[set] + index])] & Self.deny == 0 && mayAllow(set: set, statement: index, masks)
        }
    }

    /// Whether statement `index` (counted within grant set `set`) may allow one of the
    /// patterns: false means it surely does not.
    func mayAllow(set: Int, statement index: Int, _ masks: Masks) -> Bool {
        let (actionCount, resourceCount, groupCount, actions) = counts(at: Int(offsets[setStarts[set] + index]))
        let resources = actions + actionCount, groups = resources + resourceCount
        for pattern in masks.patterns {
            guard (actions..<resources).contains(where: { pattern.actions[Int(records[$0])] }),
                  (resources..<groups).contains(where: { pattern.resources[Int(records[$0])] })
            else { continue }
            guard let groupMask = pattern.groups else { return true }
            if (groups..<groups + groupCount).contains(where: { groupMask[Int(records[$0])] }) { return true }
        }
        return false
    }
}
