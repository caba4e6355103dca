using EnterpriseMcp.Tools.Testing;
using ModelContextProtocol.Client;

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

    /// <summary>Another caller of the same server, on a connection of its own.</summary>
    public static Task<McpClient> ConnectAsync(ToolServerHost server) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(server.BaseAddress, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }), cancellationToken: TestContext.Current.CancellationToken);
}
