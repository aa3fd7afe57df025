/// The places a finding points at besides its own, in order. The findings of a group
/// (the workloads that run as one shared account) each point at the others: one list but
/// for the finding's own entry. The list is then held once for the whole group and each
/// finding keeps which entry it leaves out; a group of twelve used to hold twelve lists of
/// ten. Compared and hashed by the places it shows; changed, it becomes a list of its own.
public struct RelatedPlaces: Sendable, Hashable, RandomAccessCollection, MutableCollection, RangeReplaceableCollection,
    ExpressibleByArrayLiteral {
    /// One reference either way, so that a finding is no larger than with a plain list.
    private enum Storage: Sendable {
        case places([RelatedLocation])
        case omitting(Omission)
    }

    /// A list and the entry of it not shown, shared by the findings that show the same.
    public final class Omission: Sendable {
        let places: [RelatedLocation]
        let omitted: Int

        /// `places` without the entry at `omitted`.
        public init(_ places: [RelatedLocation], omitting omitted: Int) {
            precondition(places.indices.contains(omitted), "the omitted entry must be one of the places")
            self.places = places
            self.omitted = omitted
        }
    }

    private var storage: Storage

    public init() {
        storage = .places([])
    }

    public init(arrayLiteral places: RelatedLocation...) {
        storage = .places(places)
    }

    public init(_ places: [RelatedLocation]) {
        storage = .places(places)
    }

    public init(_ omission: Omission) {
        storage = .omitting(omission)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .places(let places): places.count
        case .omitting(let omission): omission.places.count - 1
        }
    }

    public subscript(position: Int) -> RelatedLocation {
        get {
            switch storage {
            case .places(let places):
                return places[position]
            case .omitting(let omission):
                precondition(indices.contains(position), "related place index out of range")
                return omission.places[position >= omission.omitted ? position + 1 : position]
            }
        }
        set {
            var places = ownPlaces()
            places[position] = newValue
            storage = .places(places)
        }
    }

    public mutating func replaceSubrange<Replacement: Collection>(_ subrange: Range<Int>, with replacement: Replacement)
        where Replacement.Element == RelatedLocation {
        var places = ownPlaces()
        places.replaceSubrange(subrange, with: replacement)
        storage = .places(places)
    }

    /// Before a change: the places shown, as a list of this value's own. The storage is
    /// emptied first so that a list held only here is changed in place, not copied.
    private mutating func ownPlaces() -> [RelatedLocation] {
        let current = storage
        storage = .places([])
        switch current {
        case .places(let places): return places
        case .omitting(let omission):
            var places = omission.places
            places.remove(at: omission.omitted)
            return places
        }
    }

    public static func == (lhs: RelatedPlaces, rhs: RelatedPlaces) -> Bool {
        lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for place in self { hasher.combine(place) }
    }
}
