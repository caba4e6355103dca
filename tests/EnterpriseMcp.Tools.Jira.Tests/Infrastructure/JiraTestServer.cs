using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Tools.Jira.Tests.Infrastructure;

/// <summary>The Jira tool server as <c>dotnet run</c> builds it, on real Kestrel on a free loopback port, with a C# SDK client.</summary>
public sealed class JiraTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private JiraTestServer(WebApplication app, McpClient client, string folder)
    {
        _app = app;
        Client = client;
        _folder = folder;
    }

    public McpClient Client { get; }

    /// <summary>With no settings: the embedded tracker, in a folder of its own.</summary>
    public static async Task<JiraTestServer> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("jira-tool-tests-").FullName;
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        all.TryAdd("Jira:Embedded:DatabasePath", Path.Combine(folder, "tracker.db"));
        var app = JiraServerApp.Create(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(all);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }));
        return new JiraTestServer(app, client, folder);
    }

    public Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?>? arguments = null) =>
        Client.CallToolAsync(tool, arguments ?? [], cancellationToken: TestContext.Current.CancellationToken).AsTask();

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

public static class ToolResults
{
    public static string Text(this CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));

    public static System.Text.Json.JsonElement Structured(this CallToolResult result)
    {
        Assert.True(result.IsError != true, result.Text());
        return result.StructuredContent!.Value;
    }
}
