using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using EnterpriseMcp.AppHost.Model;
using EnterpriseMcp.AppHost.Tests.Infrastructure;
using EnterpriseMcp.Tools.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EnterpriseMcp.AppHost.Tests.Monitoring;

/// <summary>
/// What an operator of the running system sees in Prometheus (scraping and evaluating every second here): every
/// service's metrics clean by <c>promtool</c>, series a caller cannot grow, and one caller's burst as a firing alert.
/// </summary>
public sealed class ObservabilityTests(AspireSystem system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ResourceNames.Gateway)]
    [InlineData(ResourceNames.Jira)]
    [InlineData(ResourceNames.Db)]
    public async Task A_services_metrics_pass_promtool_check_metrics_without_a_lint(string service)
    {
        // Some traffic first, so that the MCP families have samples, not just their names.
        var token = await system.LoginAsync("bob", cancellationToken: Token);
        using (await Http.SendAsync(McpClients.RawCall(system.GatewayUrl, "jira__list_projects", [], token), Token))
        {
        }

        var metrics = (await MetricsOf(service)).Text;
        var (exitCode, output) = await PromtoolAsync(metrics);

        Assert.True(exitCode == 0 && output.Length == 0, $"promtool check metrics on {service}'s /metrics (exit {exitCode}):\n{output}");
        Assert.Contains("mcp_server_operation_duration_seconds_bucket{", metrics);
    }

    [Fact]
    public async Task A_thousand_calls_of_made_up_tool_names_add_no_series()
    {
        var token = await system.LoginAsync("carol", cancellationToken: Token);
        var prefix = $"jira__made_up_{Guid.NewGuid():N}";
        await CallAsync(token, $"{prefix}_warm_up", HttpStatusCode.Forbidden);
        var before = await MetricsOf(ResourceNames.Gateway);

        await Parallel.ForAsync(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Token },
            async (index, _) => await CallAsync(token, $"{prefix}_{index}", HttpStatusCode.Forbidden));

        var after = await MetricsOf(ResourceNames.Gateway);
        Assert.DoesNotContain(prefix, after.Text);
        Assert.Empty(McpSeries(after).Except(McpSeries(before)));
        Assert.Equal(1000, after.Sum("mcp_gateway_calls_total", UnknownDenied) - before.Sum("mcp_gateway_calls_total", UnknownDenied));
    }

    [Fact]
    public async Task A_burst_of_one_callers_calls_fires_the_call_rate_alert_for_that_caller()
    {
        var token = await system.LoginAsync("alice", cancellationToken: Token);
        var subject = new JsonWebToken(token).Subject;
        using var prometheus = new HttpClient { BaseAddress = system.App.GetEndpoint(ResourceNames.Prometheus, "http") };
        var deadline = Stopwatch.StartNew();
        JsonNode? firing = null;

        // About ten calls a second, for as long as the alert takes: its rate is over a minute and it must hold for a while.
        while (firing is null && deadline.Elapsed < TimeSpan.FromSeconds(180))
        {
            for (var call = 0; call < 10; call++)
            {
                await CallAsync(token, "jira__list_projects", HttpStatusCode.OK);
                await Task.Delay(100, Token);
            }

            var alerts = JsonNode.Parse(await prometheus.GetStringAsync("/api/v1/alerts", Token))!["data"]!["alerts"]!.AsArray();
            firing = alerts.FirstOrDefault(alert => alert!["labels"]!["alertname"]!.GetValue<string>() == "McpCallerCallRateSpike"
                                                    && (string?)alert["labels"]!["enduser_id"] == subject
                                                    && alert["state"]!.GetValue<string>() == "firing");
        }

        Assert.True(firing is not null, $"McpCallerCallRateSpike did not fire for {subject} within {deadline.Elapsed.TotalSeconds:F0} s");
    }

    private static readonly (string Name, string Value)[] UnknownDenied =
        [("gen_ai_tool_name", "_unknown"), ("mcp_gateway_decision", "deny"), ("mcp_gateway_outcome", "denied")];

    private static readonly HttpClient Http = new();

    private async Task CallAsync(string token, string tool, HttpStatusCode expected)
    {
        using var answer = await Http.SendAsync(McpClients.RawCall(system.GatewayUrl, tool, [], token), Token);
        Assert.Equal(expected, answer.StatusCode);
    }

    private Task<MetricsText> MetricsOf(string service) => MetricsText.ScrapeAsync(system.App.GetEndpoint(service, "http"));

    /// <summary>
    /// The series of the families a caller's requests to the gateway count in. Not the rest: the runtime's and Kestrel's,
    /// nor the gateway's own requests to its backends (its monitor's pings and listings start new series on its own
    /// schedule, the first ones while this test runs on a system just started).
    /// </summary>
    private static IEnumerable<string> McpSeries(MetricsText metrics) =>
        metrics.Series().Where(series => CallerFamilies.Any(family => series.StartsWith(family, StringComparison.Ordinal)));

    private static readonly string[] CallerFamilies = ["mcp_gateway_calls_total", "mcp_gateway_caller_calls_total", "mcp_server_operation_duration_seconds"];

    private static async Task<(int ExitCode, string Output)> PromtoolAsync(string metrics)
    {
        var start = new ProcessStartInfo("promtool", "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var promtool = Process.Start(start)!;
        var output = promtool.StandardOutput.ReadToEndAsync(Token);
        var errors = promtool.StandardError.ReadToEndAsync(Token);
        await promtool.StandardInput.WriteAsync(metrics);
        promtool.StandardInput.Close();
        await promtool.WaitForExitAsync(Token);
        return (promtool.ExitCode, ((await output) + (await errors)).Trim());
    }
}
