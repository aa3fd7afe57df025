import Testing
@testable import IdlintEngine

@Suite("Statement index")
struct StatementIndexTests {
    /// Granted resources of every shape the matchers know: `*`, names, subresource
    /// wildcards, ARNs with and without wildcards in each part, and text that is neither.
    static let granted = [
        "*", "deployments", "deployments/scale", "*/scale", "*/exec", "pods/exec", "notanarn:lambda:x",
        "arn:aws:lambda:*:123456789012:function:*", "arn:aws:lambda:us-east-1:123456789012:function:build",
        "arn:*:lambda:*:*:function:*", "arn:aws:lambda:*:*:*", "arn:aws:s3:::bucket/*", "arn:aws:iam::123456789012:role/*",
        "arn:aws:iam::*:role/*", "arn:aws:iam::*:*", "arn:aws-cn:iam::*:role/*", "arn:aws:iam::*:user/*",
    ]

    static let patterns = [
        GrantPattern(actions: ["lambda:UpdateFunctionCode"], resources: ["*", "arn:*:lambda:*:*:function:*", "arn:*:lambda:*:*:*"], apiGroups: []),
        GrantPattern(actions: ["iam:PassRole"], resources: ["*", "arn:*:iam::*:*", "arn:*:iam::*:role/*"], apiGroups: []),
        GrantPattern(actions: ["update"], resources: ["deployments/scale", "deployments", "pods/exec"], apiGroups: []),
        GrantPattern(actions: ["s3:GetObject"], resources: ["*"], apiGroups: []),
        GrantPattern(actions: ["get"], resources: ["arn:aws:s3:::bucket/*"], apiGroups: []),
    ]

    @Test("a rule's resource mask accepts exactly the granted resources its pattern covers")
    func resourceMaskIsCovers() {
        // One set per granted resource, each allowing every action on it, so that the index
        // says "may allow" exactly when the resource mask holds the resource.
        let sets = Self.granted.map { resource in
            GrantSet(platform: .aws, statements: [PermissionStatement(values: [Located("*", span: nil), Located(resource, span: nil)],
                                                                      counts: (1, 1, 0, 0), isDeny: false, location: nil)],
                     scope: .attached, role: ObjectRef(kind: "Policy", name: resource, location: nil))
        }
        let index = StatementIndex(sets)
        for pattern in Self.patterns {
            let masks = index.masks(for: [pattern])
            for (position, resource) in Self.granted.enumerated() {
                #expect(index.mayAllow(set: position, statement: 0, masks) == pattern.covers(resource), "\(pattern.resources) and \(resource)")
            }
        }
    }

    @Test("a statement whose verbs the pattern does not allow is passed over, whatever it names")
    func actionMask() {
        let statement = PermissionStatement(values: [Located("lambda:Get*", span: nil), Located("*", span: nil)],
                                            counts: (1, 1, 0, 0), isDeny: false, location: nil)
        let index = StatementIndex([GrantSet(platform: .aws, statements: [statement], scope: .attached, role: ObjectRef(kind: "Policy", name: "p", location: nil))])
        #expect(!index.mayAllow(set: 0, statement: 0, index.masks(for: [Self.patterns[0]])))
        #expect(index.mayAllow(set: 0, statement: 0, index.masks(for: [GrantPattern(actions: ["lambda:GetFunction"], resources: ["*"], apiGroups: [])])))
    }

    @Test("a statement with a field of 512 or more values is read past correctly, whichever side of it the wanted values are")
    func wideRecords() {
        func statement(verbs: [String], resources: [String], groups: [String], deny: Bool = false) -> PermissionStatement {
            PermissionStatement(values: (verbs + resources + groups).map { Located($0, span: nil) },
                                counts: (verbs.count, resources.count, groups.count, 0), isDeny: deny, location: nil)
        }
        let many = (0..<600).map { "kind-\($0)" }
        let statements = [
            statement(verbs: ["get"], resources: many, groups: ["apps"]),
            statement(verbs: ["delete"], resources: ["secrets"], groups: [""], deny: true),
            statement(verbs: many.map { "verb-\($0)" } + ["patch"], resources: ["pods", "nodes"], groups: many + [""]),
            statement(verbs: ["list"], resources: ["configmaps"], groups: [""]),
        ]
        let index = StatementIndex([GrantSet(platform: .kubernetes, statements: statements, scope: .cluster, role: ObjectRef(kind: "ClusterRole", name: "r", location: nil))])
        func mayAllow(_ statementIndex: Int, _ verb: String, _ resource: String, _ group: String) -> Bool {
            index.mayAllow(set: 0, statement: statementIndex, index.masks(for: [GrantPattern(actions: [verb], resources: [resource], apiGroups: [group])]))
        }
        #expect(mayAllow(0, "get", "kind-599", "apps") && !mayAllow(0, "get", "kind-600", "apps") && !mayAllow(0, "get", "kind-1", ""))
        #expect(mayAllow(1, "delete", "secrets", "") && !mayAllow(1, "get", "secrets", ""))
        #expect(mayAllow(2, "patch", "nodes", "") && mayAllow(2, "verb-kind-0", "pods", "kind-599") && !mayAllow(2, "get", "pods", ""))
        #expect(mayAllow(3, "list", "configmaps", "") && !mayAllow(3, "list", "kind-0", ""))
        let masks = index.masks(for: [GrantPattern(actions: ["delete"], resources: ["secrets"], apiGroups: [""])])
        #expect(!index.anyAllowMayAllow(set: 0, masks))
    }
}
