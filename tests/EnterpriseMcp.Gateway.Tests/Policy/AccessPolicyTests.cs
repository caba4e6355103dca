using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Hosting.Authorization;

namespace EnterpriseMcp.Gateway.Tests.Policy;

public sealed class AccessPolicyTests
{
    private static readonly McpPrincipal Carol = Principal(scopes: ["jira.read"], roles: ["intern"]);

    [Fact]
    public void Carol_without_jira_write_is_denied_and_may_step_up()
    {
        var decision = Policy().Decide(Carol, PolicyTargetKind.Tool, "jira__create_issue");

        Assert.False(decision.Allowed);
        Assert.Equal((1, "jira-write"), (decision.RuleIndex, decision.RuleName));
        Assert.True(decision.FixableByScopes);
        Assert.Equal(["jira.write"], decision.RequiredScopes);
        Assert.Equal(["jira.write"], decision.MissingScopes);
        Assert.Equal("Rule 'jira-write' requires the scope jira.write, which the caller lacks.", decision.Reason);
    }

    [Fact]
    public void Carol_may_read_jira_issues_and_resources()
    {
        var policy = Policy();

        Assert.True(policy.Decide(Carol, PolicyTargetKind.Tool, "jira__get_issue").Allowed);
        Assert.True(policy.Allows(Carol, PolicyTargetKind.Resource, "jira://issues/ABC-1"));
        Assert.True(policy.Allows(Carol, PolicyTargetKind.Resource, "jira://issues/{key}"));
        Assert.False(policy.Allows(Carol, PolicyTargetKind.Resource, "db://tables"));
    }

    [Fact]
    public void The_first_matching_rule_decides()
    {
        var policy = Policy();
        var reader = Principal(scopes: ["db.read"]);

        var query = policy.Decide(reader, PolicyTargetKind.Tool, "db__query");
        var browse = policy.Decide(reader, PolicyTargetKind.Tool, "db__list_tables");

        Assert.Equal((true, 2), (query.Allowed, query.RuleIndex));
        Assert.Equal((false, 3), (browse.Allowed, browse.RuleIndex));
        Assert.True(policy.Allows(Principal(scopes: ["db.read"], roles: ["developer"]), PolicyTargetKind.Tool, "db__list_tables"));
    }

    [Fact]
    public void A_missing_role_cannot_be_fixed_by_scopes()
    {
        var decision = Policy().Decide(Principal(), PolicyTargetKind.Tool, "db__list_tables");

        Assert.False(decision.FixableByScopes);
        Assert.Equal(["db.read"], decision.MissingScopes);
        Assert.Equal(["admin", "developer"], decision.RequiredRolesOrGroups);
        Assert.Equal("Rule 'db-browse' requires one of the roles admin, developer, and the caller has none of them. " +
            "It also lacks the scope db.read.", decision.Reason);
    }

    [Fact]
    public void Any_one_role_or_group_suffices()
    {
        var policy = Policy(Rule(tools: ["deploy"], roles: ["admin"], groups: ["platform"]));

        Assert.True(policy.Allows(Principal(groups: ["platform"]), PolicyTargetKind.Tool, "deploy"));
        Assert.True(policy.Allows(Principal(roles: ["admin"]), PolicyTargetKind.Tool, "deploy"));
        var denied = policy.Decide(Principal(roles: ["developer"], groups: ["sales"]), PolicyTargetKind.Tool, "deploy");
        Assert.False(denied.Allowed || denied.FixableByScopes);
        Assert.Equal("Rule 'rule 0' requires one of the roles admin or groups platform, and the caller has none of them.", denied.Reason);
    }

    [Fact]
    public void Every_scope_of_a_rule_is_required_and_all_are_asked_for()
    {
        var policy = Policy(Rule(tools: ["move"], scopes: ["a.read", "a.write", "b.write"]));

        var decision = policy.Decide(Principal(scopes: ["a.read"]), PolicyTargetKind.Tool, "move");

        Assert.True(decision.FixableByScopes);
        Assert.Equal(["a.read", "a.write", "b.write"], decision.RequiredScopes);
        Assert.Equal(["a.write", "b.write"], decision.MissingScopes);
        Assert.Equal("Rule 'rule 0' requires the scopes a.read, a.write and b.write, and the caller lacks a.write and b.write.", decision.Reason);
        Assert.True(policy.Allows(Principal(scopes: ["a.read", "a.write", "b.write"]), PolicyTargetKind.Tool, "move"));
    }

    [Fact]
    public void Unmatched_names_are_denied_and_cannot_be_fixed()
    {
        var decision = Policy().Decide(Principal(scopes: ["jira.read", "jira.write", "db.read"]), PolicyTargetKind.Tool, "slack__post");

        Assert.False(decision.Allowed || decision.FixableByScopes);
        Assert.Null(decision.RuleIndex);
        Assert.Equal("No rule of the policy matches the tool 'slack__post'; unmatched names are denied.", decision.Reason);
    }

    [Fact]
    public void Each_kind_has_its_own_patterns()
    {
        var policy = Policy(Rule(prompts: ["summarize_*"]), Rule(resources: ["file:///docs/?.md"]));
        var anyone = Principal();

        Assert.True(policy.Allows(anyone, PolicyTargetKind.Prompt, "summarize_issue"));
        Assert.False(policy.Allows(anyone, PolicyTargetKind.Tool, "summarize_issue"));
        Assert.True(policy.Allows(anyone, PolicyTargetKind.Resource, "file:///docs/a.md"));
        Assert.False(policy.Allows(anyone, PolicyTargetKind.Resource, "file:///docs/ab.md"));
        Assert.False(policy.Allows(anyone, PolicyTargetKind.Prompt, "file:///docs/a.md"));
    }

    [Fact]
    public void Scopes_supported_are_every_rule_scope_once_in_order()
    {
        Assert.Equal(["db.read", "jira.read", "jira.write"], Policy().ScopesSupported);
        Assert.Equal(["admin"], Policy().AdminRoles);
    }

    [Fact]
    public void A_changed_policy_applies_at_once()
    {
        var options = new TestOptionsMonitor<PolicyOptions>(ExamplePolicy.Options());
        using var policy = new AccessPolicy(options);
        Assert.False(policy.Allows(Carol, PolicyTargetKind.Tool, "slack__post"));

        options.Set(new PolicyOptions { Rules = [Rule(tools: ["slack__*"], scopes: ["slack.post"])] });

        Assert.False(policy.Allows(Carol, PolicyTargetKind.Tool, "jira__get_issue"));
        Assert.True(policy.Decide(Carol, PolicyTargetKind.Tool, "slack__post").FixableByScopes);
        Assert.Equal(["slack.post"], policy.ScopesSupported);
    }

    [Fact]
    public void An_empty_policy_denies_everything()
    {
        var policy = new AccessPolicy(new TestOptionsMonitor<PolicyOptions>(new PolicyOptions()));

        Assert.False(policy.Allows(Principal(scopes: ["jira.read"], roles: ["admin"]), PolicyTargetKind.Tool, "jira__get_issue"));
        Assert.Empty(policy.ScopesSupported);
    }

    [Fact]
    public void Allows_allocates_nothing_once_a_name_was_seen()
    {
        var policy = Policy();
        var developer = Principal(scopes: ["db.read"], roles: ["developer"]);
        string[] names = ["jira__get_issue", "jira__create_issue", "db__query", "db__list_tables", "slack__post"];
        foreach (var name in names)
        {
            policy.Allows(developer, PolicyTargetKind.Tool, name);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var allowed = 0;
        for (var round = 0; round < 1_000; round++)
        {
            foreach (var name in names)
            {
                allowed += policy.Allows(developer, PolicyTargetKind.Tool, name) ? 1 : 0;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2_000, allowed);
    }

    private static AccessPolicy Policy(params PolicyRuleOptions[] rules) =>
        new(new TestOptionsMonitor<PolicyOptions>(rules.Length == 0 ? ExamplePolicy.Options() : new PolicyOptions { Rules = [.. rules] }));

    private static PolicyRuleOptions Rule(string[]? tools = null, string[]? prompts = null, string[]? resources = null,
        string[]? scopes = null, string[]? roles = null, string[]? groups = null) => new()
    {
        Tools = tools ?? [], Prompts = prompts ?? [], Resources = resources ?? [], Scopes = scopes ?? [], Roles = roles ?? [], Groups = groups ?? [],
    };

    private static McpPrincipal Principal(string[]? scopes = null, string[]? roles = null, string[]? groups = null) =>
        new("carol", "https://idp.example.com", "vscode", scopes, roles, groups);
}
