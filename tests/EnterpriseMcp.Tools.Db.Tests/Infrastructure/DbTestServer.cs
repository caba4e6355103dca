using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnterpriseMcp.Tools.Db.Tests.Infrastructure;

/// <summary>The Db tool server as <c>dotnet run</c> builds it, on real Kestrel on a free loopback port, with a C# SDK client.</summary>
public sealed class DbTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _folder;

    private DbTestServer(WebApplication app, Uri baseAddress, McpClient client, string? folder)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = client;
        _folder = folder;
    }

    public Uri BaseAddress { get; }

    public McpClient Client { get; }

    /// <summary>Without a connection string: the embedded sample database, in a folder of its own.</summary>
    public static async Task<DbTestServer> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        string? folder = null;
        if (!all.ContainsKey("ConnectionStrings:db"))
        {
            folder = Directory.CreateTempSubdirectory("db-tool-tests-").FullName;
            all.TryAdd("Db:EmbeddedDatabasePath", Path.Combine(folder, "sample.db"));
        }

        var app = DbServerApp.Create(["--urls", "http://127.0.0.1:0"], builder =>
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
        return new DbTestServer(app, address, client, folder);
    }

    public async Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?>? arguments = null) =>
        await Client.CallToolAsync(tool, arguments ?? [], cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}

public static class ToolResults
{
    public static string Text(this CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));

    /// <summary>The structured rows of a successful result; fails the test with the tool's text otherwise.</summary>
    public static System.Text.Json.JsonElement Rows(this CallToolResult result)
    {
        Assert.True(result.IsError != true, result.Text());
        return result.StructuredContent!.Value.GetProperty("rows");
    }
}
