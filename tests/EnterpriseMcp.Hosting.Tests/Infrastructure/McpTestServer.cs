using EnterpriseMcp.Conformance.Server;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnterpriseMcp.Hosting.Tests.Infrastructure;

/// <summary>
/// The conformance fixture server on real Kestrel, on a free loopback port, with test users and
/// whatever <c>Mcp:Http</c> settings a test needs.
/// </summary>
public sealed class McpTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private McpTestServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public Uri Endpoint => new(BaseAddress, "/mcp");

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<McpTestServer> StartAsync(IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddAuthentication(TestUserAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestUserAuthentication>(TestUserAuthentication.SchemeName, null);
        builder.Services.AddMcpHosting(ConformanceFixture.Configure);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseAuthentication();
        app.MapMcp("/mcp");
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new McpTestServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
