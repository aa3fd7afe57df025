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
}
