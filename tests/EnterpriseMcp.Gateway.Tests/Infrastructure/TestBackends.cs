using EnterpriseMcp.Conformance.Server;
using EnterpriseMcp.Tools.Db;
using EnterpriseMcp.Tools.Jira;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>Real backends on loopback: the Jira and Db tool servers on their embedded defaults, and the conformance fixture.</summary>
public static class TestBackends
{
    public static Task<ToolServerHost> StartJiraAsync() =>
        ToolServerHost.StartAsync(JiraServerApp.Create, new Dictionary<string, string?> { ["Jira:Embedded:DatabasePath"] = "{folder}/jira.db" });

    /// <summary>The Jira tool server in a process of its own, which a test may kill, pause and start again.</summary>
    public static Task<BackendProcess> StartJiraProcessAsync() =>
        BackendProcess.StartAsync("EnterpriseMcp.Tools.Jira", new Dictionary<string, string> { ["Jira__Embedded__DatabasePath"] = "{folder}/jira.db" });

    public static Task<ToolServerHost> StartDbAsync() =>
        ToolServerHost.StartAsync(DbServerApp.Create, new Dictionary<string, string?> { ["Db:EmbeddedDatabasePath"] = "{folder}/sample.db" });

    public static Task<ToolServerHost> StartFixtureAsync() =>
        ToolServerHost.StartAsync(ConformanceServerApp.Create, new Dictionary<string, string?>());

    public static string McpUrl(this ToolServerHost server) => new Uri(server.BaseAddress, "/mcp").ToString();

    /// <summary>Settings declaring backends by name: <c>Gateway:Backends:{name}:Url</c>, plus any extra settings.</summary>
    public static Dictionary<string, string?> Settings(params (string Name, string Url)[] backends)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (name, url) in backends)
        {
            settings[$"Gateway:Backends:{name}:Url"] = url;
        }

        return settings;
    }
}
