using EnterpriseMcp.Tools.Testing;

namespace EnterpriseMcp.Tools.Jira.Tests.Infrastructure;

/// <summary>The Jira tool server on Kestrel; with no settings, on an embedded tracker of its own.</summary>
public static class JiraTestServer
{
    public static Task<ToolServerHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        all.TryAdd("Jira:Embedded:DatabasePath", "{folder}/tracker.db");
        return ToolServerHost.StartAsync(JiraServerApp.Create, all);
    }
}
