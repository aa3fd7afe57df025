/// What a finding says. Nearly every message is a text of its own. The findings of a group
/// (the workloads that run as one shared account) each end with a list of the group's
/// members but one: the list is held once for the group, and each finding holds what
/// comes before it and which member its list leaves out, as its related places do
/// (`RelatedPlaces.Omission`). On a large cluster, 75,000 such findings each held a list
/// of up to ten names of their own: 26 MB at the scan's peak.
///
/// Compared and hashed by the text it reads as, however it is held.
public struct FindingMessage: Sendable, Hashable, CustomStringConvertible {
    private let head: String
    private let ending: Ending?

    /// The end of a group's messages, from the list of members on: a template whose
    /// placeholders are the same for the whole group, and the members it lists.
    public final class SharedList: Sendable {
        let template: String
        let listedAs: String
        let values: [String: String]
        let members: [String]
        let trailer: String?
        /// Whether a `/` or an `=` is in any part the list's texts are made of: without
        /// them, no ending of it holds what the redactor looks for, nor makes a `://` with
        /// what comes before it. Judged once for the group, not made into each ending.
        let mayQuoteSecret: Bool

        /// `template` is filled in with `values`, and its `{listedAs}` with the members
        /// joined by commas, followed by `trailer` ("and 40 more") when there is one.
        public init(template: String, listedAs: String, values: [String: String], members: [String], trailer: String?) {
            self.template = template
            self.listedAs = listedAs
            self.values = values
            self.members = members
            self.trailer = trailer
            let parts = [template] + MessageTemplate.placeholders(in: template).compactMap { values[$0.name] } + members + (trailer.map { [$0] } ?? [])
            mayQuoteSecret = parts.contains { $0.utf8.contains(UInt8(ascii: "/")) || $0.utf8.contains(UInt8(ascii: "=")) }
        }
    }

    /// One message's ending: its group's list without one member. Made once for each
    /// member left out, and shared by the messages that leave it out.
    public final class Ending: Sendable {
        let list: SharedList
        let omitted: Int

        public init(_ list: SharedList, omitting omitted: Int) {
            precondition(list.members.indices.contains(omitted), "the omitted member must be one of the list")
            self.list = list
            self.omitted = omitted
        }

        var text: String {
            var listed = list.members.indices.filter { $0 != omitted }.map { list.members[$0] }
            if let trailer = list.trailer { listed.append(trailer) }
            let joined = listed.joined(separator: ", ")
            return MessageTemplate.render(list.template) { $0 == list.listedAs ? joined : list.values[$0] }
        }
    }

    private init(head: String, ending: Ending?) {
        self.head = head
        self.ending = ending
    }

    /// `head` followed by `ending`, redacted as one text: a secret that spans the two is
    /// found as it would be in the whole. When the redactor changes nothing, as for nearly
    /// every message, the ending stays shared; otherwise the message is held whole.
    init(redacting head: String, _ ending: Ending?) {
        guard let ending else {
            self.init(head: Redaction.scrub(head), ending: nil)
            return
        }
        // Neither half holds a `://` or an `=`, and the ending has no `/` to make one with
        // the head: the whole would come back from the redactor as it went in.
        if !ending.list.mayQuoteSecret, !mayQuoteSecret(head) {
            self.init(head: head, ending: ending)
            return
        }
        let whole = head + ending.text
        let clean = Redaction.scrub(whole)
        if clean.utf8.elementsEqual(whole.utf8) {
            self.init(head: head, ending: ending)
        } else {
            self.init(head: clean, ending: nil)
        }
    }

    public var text: String {
        guard let ending else { return head }
        return head + ending.text
    }

    public var description: String { text }

    public static func == (lhs: FindingMessage, rhs: FindingMessage) -> Bool {
        // One ending (or none on either side): the heads decide, as canonical equivalence
        // carries over to what both are followed by.
        if lhs.ending === rhs.ending { return lhs.head == rhs.head }
        return lhs.text == rhs.text
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
    }
}
