/// The places a finding points at besides its own, in order. The findings of a group
/// (the workloads that run as one shared account) each point at the others: one list but
/// for the finding's own entry. The list is then held once for the whole group and each
/// finding keeps which entry it leaves out; a group of twelve used to hold twelve lists of
/// ten. Compared and hashed by the places it shows; changed, it becomes a list of its own.
public struct RelatedPlaces: Sendable, Hashable, RandomAccessCollection, MutableCollection, RangeReplaceableCollection,
    ExpressibleByArrayLiteral {
    private var places: [RelatedLocation]
    /// The entry of `places` not shown, if any.
    private var omitted: Int?

    public init() {
        places = []
    }

    public init(arrayLiteral places: RelatedLocation...) {
        self.places = places
    }

    public init(_ places: [RelatedLocation]) {
        self.places = places
    }

    /// `places` without the entry at `omitted` (nil: all of them), sharing their storage.
    public init(_ places: [RelatedLocation], omitting omitted: Int?) {
        precondition(omitted.map(places.indices.contains) ?? true, "the omitted entry must be one of the places")
        self.places = places
        self.omitted = omitted
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { omitted == nil ? places.count : places.count - 1 }

    public subscript(position: Int) -> RelatedLocation {
        get {
            precondition(indices.contains(position), "related place index out of range")
            if let omitted, position >= omitted { return places[position + 1] }
            return places[position]
        }
        set {
            ownPlaces()
            places[position] = newValue
        }
    }

    public mutating func replaceSubrange<Replacement: Collection>(_ subrange: Range<Int>, with replacement: Replacement)
        where Replacement.Element == RelatedLocation {
        ownPlaces()
        places.replaceSubrange(subrange, with: replacement)
    }

    /// Before a change: the places shown become a list of this value's own.
    private mutating func ownPlaces() {
        guard let omitted else { return }
        places.remove(at: omitted)
        self.omitted = nil
    }

    public static func == (lhs: RelatedPlaces, rhs: RelatedPlaces) -> Bool {
        lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for place in self { hasher.combine(place) }
    }
}
