import Testing
@testable import IdlintEngine

/// The analyses that read the model alone run after its statements are released, to keep
/// them from being held beside the grant sets: what they find must not depend on it.
@Suite("Whole-model rounds")
struct WholeModelRoundsTests {
    @Test("every analysis over the model alone finds the same on fixtures/ with the statements released, and finds something")
    func modelAnalysesReadNoStatements() throws {
        let result = makeScanner { $0.keepsModel = true }.scan(paths: [packageRoot.appendingPathComponent("fixtures").path])
        let model = try #require(result.model)
        var released = model
        released.releaseStatements()
        #expect(released.kubernetes.roles.allSatisfy(\.rules.isEmpty) && released.awsPolicies.allSatisfy(\.statements.isEmpty))
        #expect(model.kubernetes.roles.contains { !$0.rules.isEmpty }, "the kept model still has its statements")
        var checked = 0
        for rule in builtInLibrary.rules {
            guard case .analysis(let name) = rule.matcher, case .overModel(let analysis) = AnalysisRegistry.analyses[name] else { continue }
            let whole = analysis(rule, model, 1)
            #expect(!whole.isEmpty, "\(rule.id) finds nothing on fixtures/, so this says nothing of it")
            #expect(analysis(rule, released, 1).map(\.fingerprint) == whole.map(\.fingerprint), "\(rule.id)")
            // On more threads, the same findings in the same order.
            #expect(analysis(rule, model, 3).map(\.fingerprint) == whole.map(\.fingerprint), "\(rule.id) on three threads")
            checked += 1
        }
        #expect(checked == 3)
    }

    @Test("the scan's own findings are the same whether it keeps the model (the change gate) or not")
    func keptOrNot() {
        let fixtures = packageRoot.appendingPathComponent("fixtures").path
        let kept = makeScanner { $0.keepsModel = true }.scan(paths: [fixtures]).findings.map(\.fingerprint)
        let released = makeScanner().scan(paths: [fixtures]).findings.map(\.fingerprint)
        #expect(kept == released && !kept.isEmpty)
    }
}
