using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseMcp.ServiceDefaults.Tests.Health;

public sealed class HealthEndpointTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_and_alive_answer_200_Healthy_when_every_check_passes()
    {
        await using var app = await TestApp.StartWithDefaultsAsync();

        foreach (var path in new[] { "/health", "/alive" })
        {
            using var response = await app.Client.GetAsync(path, Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Token));
        }
    }

    [Fact]
    public async Task A_failing_dependency_check_fails_readiness_but_not_liveness()
    {
        await using var app = await TestApp.StartWithDefaultsAsync(builder =>
            builder.Services.AddHealthChecks().AddCheck("database", () => HealthCheckResult.Unhealthy("down")));

        using var health = await app.Client.GetAsync("/health", Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync(Token));

        using var alive = await app.Client.GetAsync("/alive", Token);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task A_failing_check_tagged_live_fails_liveness()
    {
        await using var app = await TestApp.StartWithDefaultsAsync(builder =>
            builder.Services.AddHealthChecks().AddCheck("deadlock", () => HealthCheckResult.Unhealthy(), ["live"]));

        using var alive = await app.Client.GetAsync("/alive", Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, alive.StatusCode);
    }

    [Fact]
    public async Task Adding_the_defaults_twice_registers_the_self_check_once()
    {
        await using var app = await TestApp.StartWithDefaultsAsync(builder => builder.AddServiceDefaults());

        // A duplicate check name makes the health check service throw, which would answer 500.
        using var alive = await app.Client.GetAsync("/alive", Token);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Health_details_come_as_json_when_asked_for_with_every_check_and_its_data()
    {
        await using var app = await TestApp.StartWithDefaultsAsync(builder => builder.Services.AddHealthChecks().AddCheck("backends",
            () => HealthCheckResult.Degraded("jira is down", data: new Dictionary<string, object> { ["jira"] = "circuit open" })));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await app.Client.SendAsync(request, Token);
        var details = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", (string?)details["status"]);
        Assert.Equal("circuit open", (string?)details["checks"]!["backends"]!["data"]!["jira"]);
        Assert.Equal("jira is down", (string?)details["checks"]!["backends"]!["description"]);
    }
}
