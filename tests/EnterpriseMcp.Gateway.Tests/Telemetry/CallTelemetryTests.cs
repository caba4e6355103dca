using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Tests.Identity;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.Gateway.Tests.Telemetry;

/// <summary>
/// Calls of a real user, logged in at the real authorization server, through the gateway to the Jira tool server: the
/// metrics count them by caller, backend, decision and outcome, and one call is one trace from the caller's span through
/// the gateway into the tool server, its spans saying who called, what the policy decided and where the call went.
/// </summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class CallTelemetryTests(SecuredPlatform platform)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_callers_calls_and_denials_are_counted_by_caller_backend_decision_and_outcome()
    {
        var token = await platform.LoginAsync("carol");
        using var http = new HttpClient();
        using var measured = new HostMeasurements(platform.Gateway.Services.GetRequiredService<IMeterFactory>());

        using var allowed = await http.SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__list_projects", [], token), Token);
        using var denied = await http.SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__create_issue",
            new JsonObject { ["project"] = "DEMO", ["summary"] = "counted" }, token), Token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (allowed.StatusCode, denied.StatusCode));
        Assert.Equal(1, measured.Count("mcp.gateway.caller.calls",
            ("enduser.id", "carol"), ("mcp.gateway.backend", "jira"), ("mcp.gateway.decision", "allow")));
        Assert.Equal(1, measured.Count("mcp.gateway.caller.calls",
            ("enduser.id", "carol"), ("mcp.gateway.backend", "jira"), ("mcp.gateway.decision", "deny")));
        Assert.Equal(1, measured.Count("mcp.gateway.calls",
            ("gen_ai.tool.name", "jira__list_projects"), ("mcp.gateway.decision", "allow"), ("mcp.gateway.outcome", "answered")));
        Assert.Equal(1, measured.Count("mcp.gateway.calls",
            ("gen_ai.tool.name", "jira__create_issue"), ("mcp.gateway.decision", "deny"), ("mcp.gateway.outcome", "denied")));
        Assert.True(measured.Count("mcp.gateway.audit.write.duration") >= 2, "each call's audit record is a timed write");
    }

    [Fact]
    public async Task One_call_is_one_trace_from_the_callers_span_through_the_gateway_into_the_tool_server()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("EnterpriseMcp.", StringComparison.Ordinal),
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var token = await platform.LoginAsync("carol");
        var (trace, caller) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        var parameters = new JsonObject
        {
            ["name"] = "jira__list_projects",
            ["arguments"] = new JsonObject(),
            ["_meta"] = new JsonObject { ["traceparent"] = $"00-{trace}-{caller}-01" },
        };
        using var http = new HttpClient();

        using var answer = await http.SendAsync(RawMcp.Request(platform.Gateway.Endpoint, "tools/call", parameters, token, "jira__list_projects"), Token);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Activity Span(Func<Activity, bool> which, string what)
        {
            Assert.True(SpinWait.SpinUntil(() => spans.Any(span => span.TraceId == trace && which(span)), TimeSpan.FromSeconds(10)),
                $"{what}; the trace has: {string.Join(", ", spans.Where(span => span.TraceId == trace).Select(span => $"{span.Source.Name} {span.Kind} '{span.DisplayName}' {span.SpanId} < {span.ParentSpanId}"))}");
            return spans.First(span => span.TraceId == trace && which(span));
        }

        var gateway = Span(span => span.ParentSpanId == caller && span.Kind == ActivityKind.Server, "the gateway's span, child of the caller's");
        var hop = Span(span => span.ParentSpanId == gateway.SpanId && span.Kind == ActivityKind.Client, "the gateway's call to Jira");
        var jira = Span(span => span.ParentSpanId == hop.SpanId && span.Kind == ActivityKind.Server, "Jira's span, child of the gateway's call");
        Assert.Equal(
            ("carol", "allow", "jira-read", "answered", "jira", "closed"),
            (Tag(gateway, "enduser.id"), Tag(gateway, "mcp.gateway.decision"), Tag(gateway, "mcp.gateway.rule"), Tag(gateway, "mcp.gateway.outcome"),
                Tag(gateway, "mcp.gateway.backend"), Tag(gateway, "mcp.gateway.backend.circuit_state")));
        Assert.Equal(("tools/call list_projects", "jira"), (hop.DisplayName, Tag(hop, "mcp.gateway.backend")));
        Assert.Equal(("tools/call", "list_projects"), (Tag(jira, "mcp.method.name"), Tag(jira, "gen_ai.tool.name")));
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();
}
