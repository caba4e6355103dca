using EnterpriseMcp.Gateway.Policy;

namespace EnterpriseMcp.Gateway.Tests.Policy;

public sealed class PolicyOptionsValidatorTests
{
    [Fact]
    public void The_documented_policy_and_an_empty_one_are_valid()
    {
        Assert.True(new PolicyOptionsValidator().Validate(null, ExamplePolicy.Options()).Succeeded);
        Assert.True(new PolicyOptionsValidator().Validate(null, new PolicyOptions()).Succeeded);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_naming_its_key()
    {
        var settings = ExamplePolicy.Settings();
        settings["Gateway:Policy:AdminRoles:1"] = " ";
        settings["Gateway:Policy:Rules:1:Tools:3"] = "";
        settings["Gateway:Policy:Rules:1:Scopes:1"] = "jira.write jira.admin";
        settings["Gateway:Policy:Rules:2:Roles:0"] = " ";
        settings["Gateway:Policy:Rules:2:Groups:0"] = " ";
        settings["Gateway:Policy:Rules:3:Name"] = "db-query";
        settings["Gateway:Policy:Rules:4:Name"] = "nothing";
        settings["Gateway:Policy:Rules:4:Scopes:0"] = "x.read";

        var result = new PolicyOptionsValidator().Validate(null, ExamplePolicy.Bind(settings));

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(7, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Gateway:Policy:AdminRoles:1 is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Policy:Rules:1:Tools:3 is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Policy:Rules:1:Scopes:1 'jira.write jira.admin' is not one scope", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Policy:Rules:2:Roles:0 is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Policy:Rules:2:Groups:0 is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Policy:Rules:3:Name 'db-query' is already the name of Gateway:Policy:Rules:2", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Policy:Rules:4 has no Tools, Prompts or Resources pattern", StringComparison.Ordinal));
    }
}
