import Testing
@testable import IdlintEngine

/// `{path: P, some: C}`: some node at P satisfies the whole of C, so that two tests about
/// one workflow step (this action, with that input) are not met by two different steps.
@Suite("The 'some' condition")
struct SomeConditionTests {
    static let workflow = """
    on: push
    jobs:
      split:
        runs-on: ubuntu-latest
        steps:
          - uses: aws-actions/configure-aws-credentials@v4
            with: {aws-access-key-id: x}
          - uses: actions/checkout@v4
            with: {role-to-assume: not-an-input-here}
      together:
        runs-on: ubuntu-latest
        steps:
          - uses: aws-actions/configure-aws-credentials@v4
            with: {role-to-assume: arn:aws:iam::111122223333:role/ci}
    """

    static let someStep = """
    {kinds: [gha.workflow], each: "jobs.*", where: {path: "steps[*]", some: {all: [{path: uses, glob: "aws-actions/*"}, {path: with.role-to-assume}]}}}
    """

    static func findings(_ match: String) throws -> [Finding] {
        var library = RuleLibrary()
        try library.load(text: singleRuleFile(id: "ORG-SOME", match: match), path: "org/rules.yaml", isBuiltIn: false)
        var configuration = ScanConfiguration()
        configuration.setClock(testClock)
        let inputs = [InputFile(displayPath: "ci.yml", source: .content(Array(Self.workflow.utf8)))]
        return IdentityScanner(library: library, configuration: configuration).scan(files: inputs).findings
    }

    @Test("holds when one node meets every part, not when the parts are met by different nodes")
    func oneNodeMeetsAll() throws {
        let reported = try Self.findings(Self.someStep)
        #expect(reported.map(\.location.span.start.line) == [10], "only the job 'together' (line 10)")
    }

    @Test("the same parts written on the steps separately are met by the split job too")
    func withoutSomeBothJobsMatch() throws {
        let separate = #"{kinds: [gha.workflow], each: "jobs.*", where: {all: [{path: "steps[*].uses", glob: "aws-actions/*"}, {path: "steps[*].with.role-to-assume"}]}}"#
        #expect(try Self.findings(separate).count == 2)
    }

    @Test("negated, it holds where no node meets the condition")
    func negated() throws {
        let negatedMatch = #"{kinds: [gha.workflow], each: "jobs.*", where: {not: {path: "steps[*]", some: {all: [{path: uses, glob: "aws-actions/*"}, {path: with.role-to-assume}]}}}}"#
        #expect(try Self.findings(negatedMatch).map(\.location.span.start.line) == [3])
    }

    @Test("'some' needs a path and takes no test beside it")
    func loadErrors() {
        for match in [#"{kinds: [gha.workflow], where: {some: {path: on}}}"#, #"{kinds: [gha.workflow], where: {path: jobs, equals: x, some: {path: on}}}"#] {
            var library = RuleLibrary()
            #expect(throws: DataFileError.self, "\(match)") {
                try library.load(text: singleRuleFile(id: "ORG-SOME", match: match), path: "org/rules.yaml", isBuiltIn: false)
            }
        }
    }
}
