using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace EnterpriseMcp.Tools.Testing;

/// <summary>Builds a tool server's application from its arguments and a configuration hook, as its <c>XxxServerApp.Create</c> does.</summary>
public delegate WebApplication ToolServerFactory(string[] args, Action<WebApplicationBuilder>? configure);

/// <summary>
/// A tool server as <c>dotnet run</c> builds it, on real Kestrel on a free loopback port, with its data in a folder of
/// its own (deleted at the end), and a C# SDK client connected to its <c>/mcp</c>.
/// </summary>
public sealed class ToolServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ToolServerHost(WebApplication app, Uri baseAddress, McpClient? client, string folder)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = client!;
        Folder = folder;
    }

    public Uri BaseAddress { get; }

    /// <summary>Connected unless started with <c>connect: false</c> (a server that wants tokens).</summary>
    public McpClient Client { get; }

    public string Folder { get; }

    /// <summary>
    /// <paramref name="settings"/> may name files in <see cref="Folder"/> as <c>{folder}</c>. On a free port unless
    /// <paramref name="url"/> names one (a server whose canonical URI must be known before it starts).
    /// </summary>
    public static async Task<ToolServerHost> StartAsync(ToolServerFactory create, IDictionary<string, string?> settings, bool connect = true,
        string url = "http://127.0.0.1:0")
    {
        var folder = Directory.CreateTempSubdirectory("tool-server-tests-").FullName;
        var app = create(["--urls", url], builder =>
        {
            builder.Logging.ClearProviders();
            // TOOL_SERVER_TEST_LOGS=1 shows the server's logs when a test is run directly (dotnet <tests>.dll).
            if (Environment.GetEnvironmentVariable("TOOL_SERVER_TEST_LOGS") == "1")
            {
                builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug);
            }
            builder.Configuration.AddInMemoryCollection(settings.Select(setting =>
                KeyValuePair.Create(setting.Key, setting.Value?.Replace("{folder}", folder, StringComparison.Ordinal))));
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var client = connect
            ? await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(address, "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
            }))
            : null;
        return new ToolServerHost(app, address, client, folder);
    }

    public async Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?>? arguments = null) =>
        await Client.CallToolAsync(tool, arguments ?? [], cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        // Pooled SQLite connections keep the files open.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
