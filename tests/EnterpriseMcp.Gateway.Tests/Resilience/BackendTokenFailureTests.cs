using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnterpriseMcp.Gateway.Tests.Resilience;

/// <summary>A backend the gateway cannot get a token for is treated as unreachable: counted, backed off, and explained.</summary>
public sealed class BackendTokenFailureTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refused_token_request_opens_the_circuit_stops_the_retries_and_says_why_once()
    {
        var tokenRequests = 0;
        await using var identity = await StartRefusingTokenEndpointAsync(() => Interlocked.Increment(ref tokenRequests));
        await using var backend = await RecordingBackend.StartAsync();
        var settings = TestBackends.Settings(("tok", backend.McpUrl));
        settings["Gateway:Identity:ClientId"] = "mcp-gateway";
        settings["Gateway:Identity:ClientSecret"] = "secret";
        settings["Gateway:Identity:TokenEndpoint"] = new Uri(BaseAddressOf(identity), "/token").ToString();
        settings["Gateway:Backends:tok:Auth"] = "ClientCredentials";
        settings["Gateway:Backends:tok:FailureThreshold"] = "2";
        settings["Gateway:Backends:tok:ProbeInterval"] = "00:10:00";
        var logs = new RecordedLogs();
        await using var gateway = await GatewayHost.StartAsync(settings, logs: logs);

        Assert.True(await Eventually.TrueAsync(async () => (await gateway.StateOfAsync("tok")).StartsWith("circuit open", StringComparison.Ordinal)),
            $"the circuit did not open; /health says '{await gateway.StateOfAsync("tok")}'");
        var requestsWhenOpen = Volatile.Read(ref tokenRequests);
        await Task.Delay(TimeSpan.FromSeconds(1), Token);

        Assert.Equal("circuit open: the gateway could not get a token for it: invalid_target (the resource is not known).", await gateway.StateOfAsync("tok"));
        Assert.Equal("Degraded", (string?)(await gateway.BackendsAsync())["status"]);
        Assert.Equal(2, requestsWhenOpen);
        Assert.Equal(requestsWhenOpen, Volatile.Read(ref tokenRequests));
        Assert.Single(logs.Warnings, warning => warning.Contains("listing its tools", StringComparison.Ordinal));
        Assert.Single(logs.Warnings, warning => warning.Contains("circuit Open", StringComparison.Ordinal) && warning.Contains("invalid_target", StringComparison.Ordinal));
        Assert.Empty(backend.AuthorizationHeaders);
    }

    private static Uri BaseAddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A token endpoint that refuses every request as an identity server refuses an audience it does not know.</summary>
    private static async Task<WebApplication> StartRefusingTokenEndpointAsync(Action requested)
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/token", () =>
        {
            requested();
            return Results.Json(new { error = "invalid_target", error_description = "the resource is not known" }, statusCode: 400);
        });
        await app.StartAsync(Token);
        return app;
    }
}
