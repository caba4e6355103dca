using EnterpriseMcp.Gateway.Policy;
using Microsoft.Extensions.Configuration;

namespace EnterpriseMcp.Gateway.Tests.Policy;

/// <summary>The policy of the gateway's documentation, as configuration settings and as bound options.</summary>
internal static class ExamplePolicy
{
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Gateway:Policy:AdminRoles:0"] = "admin",
        ["Gateway:Policy:Rules:0:Name"] = "jira-read",
        ["Gateway:Policy:Rules:0:Tools:0"] = "jira__get_issue",
        ["Gateway:Policy:Rules:0:Tools:1"] = "jira__search_issues",
        ["Gateway:Policy:Rules:0:Tools:2"] = "jira__list_projects",
        ["Gateway:Policy:Rules:0:Resources:0"] = "jira://*",
        ["Gateway:Policy:Rules:0:Scopes:0"] = "jira.read",
        ["Gateway:Policy:Rules:1:Name"] = "jira-write",
        ["Gateway:Policy:Rules:1:Tools:0"] = "jira__create_issue",
        ["Gateway:Policy:Rules:1:Tools:1"] = "jira__add_comment",
        ["Gateway:Policy:Rules:1:Tools:2"] = "jira__transition_issue",
        ["Gateway:Policy:Rules:1:Scopes:0"] = "jira.write",
        ["Gateway:Policy:Rules:2:Name"] = "db-query",
        ["Gateway:Policy:Rules:2:Tools:0"] = "db__query",
        ["Gateway:Policy:Rules:2:Scopes:0"] = "db.read",
        ["Gateway:Policy:Rules:3:Name"] = "db-browse",
        ["Gateway:Policy:Rules:3:Tools:0"] = "db__*",
        ["Gateway:Policy:Rules:3:Scopes:0"] = "db.read",
        ["Gateway:Policy:Rules:3:Roles:0"] = "admin",
        ["Gateway:Policy:Rules:3:Roles:1"] = "developer",
    };

    public static PolicyOptions Options() => Bind(Settings());

    public static PolicyOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(PolicyOptions.SectionName).Get<PolicyOptions>() ?? new();
}
