/// Labels or annotations: a few keys with their values, one value per key. Held as one
/// sorted array, not a dictionary: an object carries a handful, read only to recognise
/// agents and to select the ClusterRoles an aggregated role takes in, and a dictionary of
/// two entries took 144 bytes of storage of its own (27 MB of the benchmark's peak) and a
/// hash of every key as the files were read. Equal when they hold the same pairs.
public struct TextPairs: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public struct Pair: Sendable, Hashable {
        public var key: String
        public var value: String
    }

    /// Sorted by key, each key once.
    private var pairs: [Pair]

    public init() {
        pairs = []
    }

    /// The pairs in order; of a key written twice, the later value counts (as in YAML
    /// read by Kubernetes, and as a dictionary built in that order would hold).
    public init(_ written: some Sequence<(key: String, value: String)>) {
        var pairs: [Pair] = []
        pairs.reserveCapacity(written.underestimatedCount)
        for (key, value) in written { pairs.append(Pair(key: key, value: value)) }
        // Most objects write few keys, often already in order.
        if pairs.indices.dropFirst().allSatisfy({ pairs[$0 - 1].key < pairs[$0].key }) {
            self.pairs = pairs
            return
        }
        // A stable sort keeps a repeated key's values in written order; the last is kept.
        let sorted = pairs.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element)
        var unique: [Pair] = []
        unique.reserveCapacity(sorted.count)
        for pair in sorted {
            if unique.last?.key == pair.key { unique[unique.count - 1] = pair } else { unique.append(pair) }
        }
        self.pairs = unique
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }

    public var isEmpty: Bool { pairs.isEmpty }
    public var count: Int { pairs.count }

    public subscript(key: String) -> String? {
        var low = 0
        var high = pairs.count
        while low < high {
            let middle = (low + high) / 2
            if pairs[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low < pairs.count && pairs[low].key == key ? pairs[low].value : nil
    }

    /// These pairs with `other`'s laid over them: a key in both takes `other`'s value.
    public func overlaid(with other: TextPairs) -> TextPairs {
        if other.isEmpty { return self }
        if isEmpty { return other }
        return TextPairs(map { $0 } + other.map { $0 })
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: String)> {
        pairs.lazy.map { (key: $0.key, value: $0.value) }.makeIterator()
    }
}
