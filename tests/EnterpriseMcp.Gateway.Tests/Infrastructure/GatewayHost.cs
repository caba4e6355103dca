using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway as <c>dotnet run</c> builds it, on Kestrel on a free loopback port, configured from
/// settings and, when given, a JSON file that a test may rewrite to reconfigure it while it runs.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<McpClient> _clients = [];

    private GatewayHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri Endpoint => new(BaseAddress, "/mcp");

    public IServiceProvider Services => _app.Services;

    public static async Task<GatewayHost> StartAsync(IDictionary<string, string?> settings, string? jsonFile = null, RecordedLogs? logs = null,
        string url = "http://127.0.0.1:0")
    {
        // An empty content root: the appsettings.json that the build copies beside the tests belongs to whichever
        // referenced server was copied last; a test's gateway has exactly the settings it is given.
        var contentRoot = Directory.CreateTempSubdirectory("gateway-root-").FullName;
        var app = GatewayApp.Create(["--urls", url, "--contentRoot", contentRoot], builder =>
        {
            builder.Logging.ClearProviders();
            if (logs is not null)
            {
                builder.Logging.AddProvider(logs);
            }

            // GATEWAY_TEST_LOGS=1 shows the gateway's logs when a test is run directly (dotnet <tests>.dll).
            if (Environment.GetEnvironmentVariable("GATEWAY_TEST_LOGS") == "1")
            {
                builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Debug);
            }

            if (jsonFile is not null)
            {
                builder.Configuration.AddJsonFile(jsonFile, optional: false, reloadOnChange: true);
            }

            builder.Configuration.AddInMemoryCollection(settings);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new GatewayHost(app, address);
    }

    /// <summary>A C# SDK client; 2026-07-28 unless <paramref name="protocolVersion"/> names a 2025 revision.</summary>
    public async Task<McpClient> ConnectAsync(string? protocolVersion = null, Action<McpClientOptions>? configure = null)
    {
        var options = new McpClientOptions { ProtocolVersion = protocolVersion };
        configure?.Invoke(options);
        var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
        }), options, cancellationToken: TestContext.Current.CancellationToken);
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
