/// The tables of a TOML document as they are defined, before they become a `Document`.
/// TOML adds to a table long after it began (`[a.b]` after `[a]`, dotted keys,
/// `[[servers]]` elements), while the builder writes each container once, start to end:
/// so the tree is collected whole, checked against TOML 1.0's rules on what may define
/// or extend a table, and then written out in the order keys were first written.
struct TOMLTree {
    struct Key {
        var text: String
        var quoted: Bool
        var start: SourcePosition
        var end: SourcePosition
    }

    struct Scalar {
        var text: String
        var style: ScalarStyle
        var start: SourcePosition
        var end: SourcePosition
    }

    enum Value {
        case scalar(Scalar)
        case table(Int)
        case array(Int)
    }

    /// How a table came to be, which decides what may still add to it.
    enum Origin {
        case root
        /// Named on the way to a header (`a` of `[a.b]`): a header of its own may still define it, once.
        case implicit
        /// Defined by its own header, or an element of an array of tables.
        case header
        /// Made by a dotted key (`a.b = 1`): more dotted keys of the same table may add to
        /// it, and headers may define tables below it, but never it.
        case dotted
        /// `{ ... }`: closed once written.
        case inline
    }

    struct Table {
        var origin: Origin
        var start: SourcePosition
        var end: SourcePosition
        var order: [String] = []
        var entries: [String: (key: Key, value: Value)] = [:]
    }

    struct Array {
        /// Made by `[[name]]` headers: the only kind a header may add an element to.
        var ofTables: Bool
        var start: SourcePosition
        var end: SourcePosition
        var elements: [Value] = []
    }

    private(set) var tables = [Table(origin: .root, start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))]
    private(set) var arrays: [Array] = []

    static let root = 0

    mutating func newTable(_ origin: Origin, start: SourcePosition, end: SourcePosition? = nil) -> Int {
        tables.append(Table(origin: origin, start: start, end: end ?? start))
        return tables.count - 1
    }

    mutating func newArray(start: SourcePosition) -> Int {
        arrays.append(Array(ofTables: false, start: start, end: start))
        return arrays.count - 1
    }

    mutating func append(_ value: Value, toArray array: Int) {
        arrays[array].elements.append(value)
    }

    mutating func close(table: Int, end: SourcePosition) {
        tables[table].end = end
    }

    mutating func close(array: Int, end: SourcePosition) {
        arrays[array].end = end
    }

    // MARK: - Defining tables

    /// `[a.b.c]`: the table it defines, made or found.
    mutating func defineTable(_ path: [Key], at start: SourcePosition) throws -> Int {
        let parent = try walkHeader(path.dropLast(), at: start)
        let key = path[path.count - 1]
        guard let existing = tables[parent].entries[key.text] else {
            return insert(key, .table(newTable(.header, start: start)), into: parent)
        }
        guard case .table(let index) = existing.value else {
            throw SyntaxError(.malformed, "\(Self.name(key)) already holds a value (\(existing.key.start)); a table header cannot define it again", at: key.start)
        }
        guard tables[index].origin == .implicit else {
            throw SyntaxError(.malformed, "table \(Self.name(key)) is already defined (\(existing.key.start)); a table is defined once", at: key.start)
        }
        // Named before on the way to a deeper header, defined here: its place is this header.
        tables[index].origin = .header
        tables[index].start = start
        tables[parent].entries[key.text]?.key = key
        return index
    }

    /// `[[a.b]]`: a new element of the array of tables, made or found.
    mutating func appendArrayElement(_ path: [Key], at start: SourcePosition) throws -> Int {
        let parent = try walkHeader(path.dropLast(), at: start)
        let key = path[path.count - 1]
        let element = newTable(.header, start: start)
        guard let existing = tables[parent].entries[key.text] else {
            arrays.append(Array(ofTables: true, start: start, end: start, elements: [.table(element)]))
            _ = insert(key, .array(arrays.count - 1), into: parent)
            return element
        }
        guard case .array(let index) = existing.value, arrays[index].ofTables else {
            throw SyntaxError(.malformed, "\(Self.name(key)) is already defined (\(existing.key.start)) and is not an array of tables", at: key.start)
        }
        arrays[index].elements.append(.table(element))
        return element
    }

    /// Sets `path = value` in `table` (a header's table, or an inline table being read).
    mutating func assign(_ path: [Key], _ value: Value, in table: Int) throws {
        var current = table
        for key in path.dropLast() {
            guard let existing = tables[current].entries[key.text] else {
                current = insert(key, .table(newTable(.dotted, start: key.start)), into: current)
                continue
            }
            guard case .table(let index) = existing.value, tables[index].origin == .dotted else {
                throw SyntaxError(.malformed, "dotted key \(Self.name(key)) would add to what is already defined (\(existing.key.start)); only tables made by dotted keys of this table can be added to so", at: key.start)
            }
            current = index
        }
        let key = path[path.count - 1]
        if let existing = tables[current].entries[key.text] {
            throw SyntaxError(.malformed, "duplicate key \(Self.name(key)) (first at \(existing.key.start)); which value counts is ambiguous, so the file is refused", at: key.start)
        }
        _ = insert(key, value, into: current)
    }

    /// The table a header's leading keys lead to: tables are entered (an array of tables
    /// at its last element), missing ones made implicitly; an inline table or a value
    /// stops the way.
    private mutating func walkHeader(_ path: ArraySlice<Key>, at start: SourcePosition) throws -> Int {
        var current = Self.root
        for key in path {
            guard let existing = tables[current].entries[key.text] else {
                current = insert(key, .table(newTable(.implicit, start: start)), into: current)
                continue
            }
            switch existing.value {
            case .table(let index) where tables[index].origin != .inline:
                current = index
            case .array(let index) where arrays[index].ofTables:
                // `[[a]]` then `[a.b]`: b belongs to the latest element of a.
                guard case .table(let last)? = arrays[index].elements.last else {
                    throw SyntaxError(.malformed, "\(Self.name(key)) holds an empty array of tables", at: key.start)
                }
                current = last
            default:
                throw SyntaxError(.malformed, "\(Self.name(key)) is already defined (\(existing.key.start)) as a value that a table header cannot add to", at: key.start)
            }
        }
        return current
    }

    private mutating func insert(_ key: Key, _ value: Value, into table: Int) -> Int {
        tables[table].order.append(key.text)
        tables[table].entries[key.text] = (key, value)
        if case .table(let index) = value { return index }
        return table
    }

    /// A key as errors may quote it (a key may be a secret, see `DocumentBuilder.quotable`).
    static func name(_ key: Key) -> String {
        DocumentBuilder.quotable(key: key.text)
    }

    // MARK: - Writing the document

    /// Writes the tree into `builder`, whose limits bound its depth.
    func write(into builder: inout DocumentBuilder, end: SourcePosition) throws {
        var root = tables[Self.root]
        root.end = end
        try write(table: root, into: &builder)
    }

    private func write(table: Table, into builder: inout DocumentBuilder) throws {
        try builder.beginContainer(.mapping, tag: nil, anchor: nil, start: table.start)
        for name in table.order {
            guard let (key, value) = table.entries[name] else { continue }
            try builder.scalar(key.text, style: key.quoted ? .quoted : .plain, start: key.start, end: key.end)
            try write(value, into: &builder)
        }
        try builder.endContainer(end: table.end)
    }

    private func write(_ value: Value, into builder: inout DocumentBuilder) throws {
        switch value {
        case .scalar(let scalar):
            try builder.scalar(scalar.text, style: scalar.style, start: scalar.start, end: scalar.end)
        case .table(let index):
            try write(table: tables[index], into: &builder)
        case .array(let index):
            let array = arrays[index]
            try builder.beginContainer(.sequence, tag: nil, anchor: nil, start: array.start)
            for element in array.elements { try write(element, into: &builder) }
            try builder.endContainer(end: array.end)
        }
    }
}
