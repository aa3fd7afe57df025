import IdlintSyntax

/// Workloads that run as one service account: whatever any of them needs, all of them
/// hold, and a token taken from one cannot be told apart from the others' in the audit
/// log. Judged per environment and namespace, for accounts other than `default` (which
/// its own rules cover). A name known only at apply time is compared as written: the same
/// variable is the same account, two variables may not be.
enum SharedServiceAccount {
    @Sendable static func findings(_ rule: Rule, _ context: ModelContext) -> [Finding] {
        struct Key: Hashable {
            var environment: Environment
            var account: PrincipalRef
        }
        struct Name: Hashable {
            var kind: String
            var name: String
        }
        // Workloads by their place in the model, grouped in the order their keys first
        // appear; consecutive workloads mostly share a file and so an environment.
        let all = context.model.kubernetes.workloads
        var environments = LastFileEnvironment()
        var groupByKey: [Key: Int] = [:]
        var groups: [(key: Key, members: [Int], names: Set<Name>)] = []
        for index in all.indices where all[index].serviceAccount.name != "default" {
            let key = Key(environment: all[index].ref.location.map { environments.of($0) } ?? .shared, account: all[index].serviceAccount)
            let group = groupByKey[key] ?? {
                groups.append((key, [], []))
                groupByKey[key] = groups.count - 1
                return groups.count - 1
            }()
            // One object defined twice (a bundle beside its sources) is one workload.
            guard groups[group].names.insert(Name(kind: all[index].ref.kind, name: all[index].ref.name)).inserted else { continue }
            groups[group].members.append(index)
        }
        var findings: [Finding] = []
        // Sized once: on a large cluster this is the longest list of findings the scan
        // makes, and one grown by doubling held up to as much again at the peak.
        findings.reserveCapacity(groups.reduce(0) { $0 + ($1.members.count > 1 ? $1.members.count : 0) })
        for (key, members, _) in groups where members.count > 1 {
            let workloads = members.map { all[$0] }
            // Each finding names a few of the others, not all: five thousand CronJobs on
            // one account would otherwise make a report of their square. The named are
            // among the group's first few, so their words and places are made once and
            // shared by every finding that shows the same ones. A finding shows every
            // candidate but one (itself, or for the rest the last candidate), so one list
            // of the candidates' places serves them all.
            let candidates = Array(workloads.prefix(Self.othersNamed + 1))
            let labels = candidates.map { "\($0.ref.kind) \($0.ref.name)" }
            var places: [RelatedLocation] = []
            let placeOfCandidate = candidates.map { other in
                other.podSpecLocation.map { location in
                    places.append(RelatedLocation(location: location, message: "\(other.ref.kind) \(other.ref.name) runs as it too"))
                    return places.count - 1
                }
            }
            var shownBySelection: [[Int]: (others: String, related: RelatedPlaces)] = [:]
            let subject = "\(key.account)"
            for workload in workloads {
                guard let location = workload.podSpecLocation else { continue }
                let selection = Array(candidates.indices.filter { candidates[$0].ref != workload.ref }.prefix(Self.othersNamed))
                let shown = shownBySelection[selection] ?? {
                    let otherCount = workloads.count - 1
                    let others = selection.map { labels[$0] } + (otherCount > selection.count ? ["and \(otherCount - selection.count) more"] : [])
                    // Members are one per kind and name, so a selection leaves out one
                    // candidate at most; were it more, the places are listed as they are.
                    let omitted = candidates.indices.filter { !selection.contains($0) }.compactMap { placeOfCandidate[$0] }
                    let related = switch omitted.count {
                    case 0: RelatedPlaces(places)
                    case 1: RelatedPlaces(RelatedPlaces.Omission(places, omitting: omitted[0]))
                    default: RelatedPlaces(selection.compactMap { placeOfCandidate[$0].map { places[$0] } })
                    }
                    let made = (others: others.joined(separator: ", "), related: related)
                    shownBySelection[selection] = made
                    return made
                }()
                let message = MessageTemplate.render(rule.message) { placeholder in
                    switch placeholder {
                    case "kind": workload.ref.kind
                    case "name": workload.ref.name
                    case "subject": subject
                    case "others": shown.others
                    default: nil
                    }
                }
                findings.append(Finding(
                    ruleID: rule.id, severity: rule.severity, message: message, location: location,
                    relatedLocations: shown.related,
                    documentKind: DocumentKind.kubernetes(workload.ref.kind).rawValue,
                    logicalPath: "\(workload.ref)#serviceAccount" + environments.of(location).qualifier, principal: subject
                ))
            }
        }
        return findings
    }

    /// How many of the other workloads a finding names and points at.
    static let othersNamed = 10
}
