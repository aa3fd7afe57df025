import IdlintSyntax

/// Workloads that run as one service account: whatever any of them needs, all of them
/// hold, and a token taken from one cannot be told apart from the others' in the audit
/// log. Judged per environment and namespace, for accounts other than `default` (which
/// its own rules cover). A name known only at apply time is compared as written: the same
/// variable is the same account, two variables may not be.
enum SharedServiceAccount {
    /// On `workers` threads: the scan's largest list of findings on a dense cluster, made
    /// after the grant round, where one core alone made them while the other waited.
    @Sendable static func findings(_ rule: Rule, _ model: IdentityModel, workers: Int) -> [Finding] {
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
        let shared = groups.compactMap { $0.members.count > 1 ? (key: $0.key, members: $0.members) : nil }
        (groups, groupByKey) = ([], [:])
        // Sized once, by the first group to join it (so that nothing else holds it and
        // makes it copied): on a large cluster this is the longest list of findings the
        // scan makes, and one grown by doubling held up to as much again at the peak.
        let total = shared.reduce(0) { $0 + $1.members.count }
        // A message ends, from the list of the others on, with what is the same for the
        // whole group when nothing after the list names the workload itself: that ending
        // is then held once per group, each finding keeping which candidate it leaves out.
        let split = MessageTemplate.split(rule.message, before: "others").flatMap { halves in
            MessageTemplate.placeholders(in: halves.ending).allSatisfy { ["subject", "others"].contains($0.name) } ? halves : nil
        }
        // Groups are independent; each group's findings join the list in group order as
        // soon as it and those before it are done, and are freed there.
        return parallelMap(shared.count, workers: workers, into: [], absorbing: { all, group in
            if all.isEmpty { all.reserveCapacity(total) }
            all += group
            group = []
        }) { index in
            groupFindings(rule, shared[index].key, members: shared[index].members, workloads: all, split: split)
        }.accumulated
    }

    private struct Key: Hashable {
        var environment: Environment
        var account: PrincipalRef
    }

    /// The findings of one group of workloads that run as one account, in member order.
    private static func groupFindings(_ rule: Rule, _ key: Key, members: [Int], workloads all: [KubernetesWorkload],
                                      split: (head: String, ending: String)?) -> [Finding] {
        var findings: [Finding] = []
        findings.reserveCapacity(members.count)
        var environments = LastFileEnvironment()
        // Each finding names a few of the others, not all: five thousand CronJobs on
        // one account would otherwise make a report of their square. The named are
        // the group's first few, the candidates, and a finding shows every candidate
        // but one: itself, or for the rest the last candidate. One list of the
        // candidates' words and one of their places serve the whole group.
        // Workloads are read where they are: copying each one cost more than its finding.
        let candidates = Array(members.prefix(Self.othersNamed + 1))
        var places: [RelatedLocation] = []
        let placeOfCandidate = candidates.map { other in
            all[other].podSpecLocation.map { location in
                places.append(RelatedLocation(location: location, message: "\(all[other].ref.kind) \(all[other].ref.name) runs as it too"))
                return places.count - 1
            }
        }
        let subject = "\(key.account)"
        let unnamed = members.count - candidates.count
        let others = FindingMessage.SharedList(
            template: split?.ending ?? "{others}", listedAs: "others", values: ["subject": subject],
            members: candidates.map { "\(all[$0].ref.kind) \(all[$0].ref.name)" }, trailer: unnamed > 0 ? "and \(unnamed) more" : nil
        )
        // What a finding leaves out is one of the candidates: its related places and
        // the end of its message are made once for each, and shared.
        var byOmitted: [Int: (related: RelatedPlaces, ending: FindingMessage.Ending)] = [:]
        for member in members {
            guard let location = all[member].podSpecLocation else { continue }
            let ref = all[member].ref
            // Members are one per kind and name, so at most one candidate is this one.
            let omitted = candidates.firstIndex { all[$0].ref == ref } ?? candidates.count - 1
            let (related, ending) = byOmitted[omitted] ?? {
                let related = placeOfCandidate[omitted].map { RelatedPlaces(RelatedPlaces.Omission(places, omitting: $0)) } ?? RelatedPlaces(places)
                let made = (related, FindingMessage.Ending(others, omitting: omitted))
                byOmitted[omitted] = made
                return made
            }()
            let message = MessageTemplate.render(split?.head ?? rule.message) { placeholder in
                switch placeholder {
                case "kind": ref.kind
                case "name": ref.name
                case "subject": subject
                case "others": ending.text
                default: nil
                }
            }
            findings.append(Finding(
                ruleID: rule.id, severity: rule.severity, message: message, messageEnding: split == nil ? nil : ending, location: location,
                relatedLocations: related,
                documentKind: DocumentKind.kubernetes(ref.kind).rawValue,
                logicalPath: "\(ref)#serviceAccount" + environments.of(location).qualifier, principal: subject
            ))
        }
        return findings
    }

    /// How many of the other workloads a finding names and points at.
    static let othersNamed = 10
}
