import IdlintSyntax

/// What ties a patched object's base to its patch within one overlay: a finding on the
/// lines of either is given the other as a related location, so that a reader of the
/// patch sees what it changes and a reader of the base sees what changed it.
struct OverlayRelation: Sendable {
    var environment: String?
    var file: String
    var lines: ClosedRange<Int32>
    var related: RelatedLocation

    /// The relations of one built object: none when no patch changed it.
    static func of(_ object: KustomizeBuild.Object, kind: String, name: String, environment: String?) -> [OverlayRelation] {
        var relations: [OverlayRelation] = []
        let overlay = environment.map { " in \($0)" } ?? ""
        for patch in object.patchedAt {
            relations.append(OverlayRelation(environment: environment, file: object.region.file, lines: lines(object.region.span),
                                             related: RelatedLocation(location: patch, message: "the overlay's patch changes \(kind) \(name)\(overlay) here")))
            relations.append(OverlayRelation(environment: environment, file: patch.file, lines: lines(patch.span),
                                             related: RelatedLocation(location: object.origin, message: "\(kind) \(name) is defined here, before the patch")))
        }
        return relations
    }

    private static func lines(_ span: SourceSpan) -> ClosedRange<Int32> {
        span.start.line...max(span.start.line, span.end.line)
    }

    /// The findings with the places related to theirs added.
    static func relate(_ findings: inout [Finding], _ relations: [OverlayRelation]) {
        guard !relations.isEmpty else { return }
        var byFile: [String: [OverlayRelation]] = [:]
        for relation in relations { byFile[relation.file, default: []].append(relation) }
        for index in findings.indices {
            let location = findings[index].location
            guard let candidates = byFile[location.file] else { continue }
            for relation in candidates where relation.environment == location.environment && relation.lines.contains(location.span.start.line) {
                let related = relation.related
                guard related.location.file != location.file || related.location.span.start != location.span.start,
                      !findings[index].relatedLocations.contains(where: { $0.location == related.location }) else { continue }
                findings[index].relatedLocations.append(RelatedLocation(location: related.location, message: Redaction.scrub(related.message)))
            }
        }
    }
}
