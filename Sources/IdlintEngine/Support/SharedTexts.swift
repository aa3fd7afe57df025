import IdlintSyntax

/// One copy of each long value that permission statements, labels and annotations
/// repeat. Text of up to 15 bytes is stored inside its String, but longer verbs,
/// resources, API groups and label keys (`persistentvolumeclaims`,
/// `rbac.authorization.k8s.io`, `ec2:DescribeInstances`, `app.kubernetes.io/name`) were a
/// heap string for every place they are written: millions on a large cluster, the same
/// few hundred words. The table is bounded in entries and in the length of what it keeps,
/// so unique values (ARNs, long names) cannot grow a long-running server much; other
/// values are made as before.
enum SharedTexts {
    private static let table = Locked<[Int: String]>([:])
    static let capacity = 16_384
    private static let longestInline = 15
    static let longestShared = 128

    /// The scalar's text, shared with every equal text read before it.
    static func text(of node: Node) -> String {
        node.withTextBytes { bytes in
            guard bytes.count > longestInline, bytes.count <= longestShared else { return String(decoding: bytes, as: UTF8.self) }
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            let key = hasher.finalize()
            // A different text under the same hash is made anew, not confused with it.
            if let shared = table.withLock({ $0[key] }), shared.utf8.elementsEqual(bytes) { return shared }
            let made = String(decoding: bytes, as: UTF8.self)
            table.withLock { texts in
                if texts.count < capacity, texts[key] == nil { texts[key] = made }
            }
            return made
        }
    }
}
