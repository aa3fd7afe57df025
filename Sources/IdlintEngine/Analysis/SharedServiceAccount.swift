import IdlintSyntax

/// Workloads that run as one service account: whatever any of them needs, all of them
/// hold, and a token taken from one cannot be told apart from the others' in the audit
/// log. Judged per environment and namespace, for accounts other than `default` (which
/// its own rules cover). A name known only at apply time is compared as written: the same
/// variable is the same account, two variables may not be.
enum SharedServiceAccount {
    @Sendable static func findings(_ rule: Rule, _ model: IdentityModel) -> [Finding] {
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
        let all = model.kubernetes.workloads
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
        // A message ends, from the list of the others on, with what is the same for the
        // whole group when nothing after the list names the workload itself: that ending
        // is then held once per group, each finding keeping which candidate it leaves out.
        let split = MessageTemplate.split(rule.message, before: "others").flatMap { halves in
            MessageTemplate.placeholders(in: halves.ending).allSatisfy { ["subject", "others"].contains($0.name) } ? halves : nil
        }
        for (key, members, _) in groups where members.count > 1 {
            let workloads = members.map { all[$0] }
            // Each finding names a few of the others, not all: five thousand CronJobs on
            // one account would otherwise make a report of their square. The named are
            // the group's first few, the candidates, and a finding shows every candidate
            // but one: itself, or for the rest the last candidate. One list of the
            // candidates' words and one of their places serve the whole group.
            let candidates = Array(workloads.prefix(Self.othersNamed + 1))
            var places: [RelatedLocation] = []
            let placeOfCandidate = candidates.map { other in
                other.podSpecLocation.map { location in
                    places.append(RelatedLocation(location: location, message: "\(other.ref.kind) \(other.ref.name) runs as it too"))
                    return places.count - 1
                }
            }
            let subject = "\(key.account)"
            let unnamed = workloads.count - candidates.count
            let others = FindingMessage.SharedList(
                template: split?.ending ?? "{others}", listedAs: "others", values: ["subject": subject],
                members: candidates.map { "\($0.ref.kind) \($0.ref.name)" }, trailer: unnamed > 0 ? "and \(unnamed) more" : nil
            )
            var relatedByOmitted: [Int: RelatedPlaces] = [:]
            for workload in workloads {
                guard let location = workload.podSpecLocation else { continue }
                // Members are one per kind and name, so at most one candidate is this one.
                let omitted = candidates.firstIndex { $0.ref == workload.ref } ?? candidates.count - 1
                let related = relatedByOmitted[omitted] ?? {
                    let made = placeOfCandidate[omitted].map { RelatedPlaces(RelatedPlaces.Omission(places, omitting: $0)) } ?? RelatedPlaces(places)
                    relatedByOmitted[omitted] = made
                    return made
                }()
                let ending = FindingMessage.Ending(others, omitting: omitted)
                let message = MessageTemplate.render(split?.head ?? rule.message) { placeholder in
                    switch placeholder {
                    case "kind": workload.ref.kind
                    case "name": workload.ref.name
                    case "subject": subject
                    case "others": ending.text
                    default: nil
                    }
                }
                findings.append(Finding(
                    ruleID: rule.id, severity: rule.severity, message: message, messageEnding: split == nil ? nil : ending, location: location,
                    relatedLocations: related,
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
