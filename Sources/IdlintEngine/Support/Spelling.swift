/// Nearest names for a misspelt one: what a usage error or a rule file's error suggests.
package enum Spelling {
    /// The candidate at most `maxDistance` edits from `word` (ignoring case), the closest first.
    package static func nearest(_ word: String, among candidates: some Sequence<String>, maxDistance: Int = 2) -> String? {
        let lowered = word.lowercased()
        return candidates.map { ($0, distance(lowered, $0.lowercased())) }
            .filter { $0.1 <= maxDistance }
            .min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    /// Levenshtein distance: insertions, deletions and substitutions of characters.
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
