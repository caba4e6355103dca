using System.Diagnostics;
using System.Diagnostics.Metrics;
using EnterpriseMcp.Gateway.Pipeline;
using EnterpriseMcp.Gateway.Resilience;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Telemetry;

/// <summary>
/// The calls the gateway answered or refused (tools/call, prompts/get, resources/read, and whatever else names a
/// target), by target, backend, policy decision and outcome; the same per caller and client, for the anomaly rules; and
/// the calls rate limits refused. Every label comes from a bounded set (<see cref="CallLabels"/>, <see cref="CallerLabels"/>).
/// </summary>
internal sealed class CallMetrics
{
    private readonly Counter<long> _calls;
    private readonly Counter<long> _callerCalls;
    private readonly Counter<long> _rejections;
    private readonly CallerLabels _callers;
    private readonly CallerLabels _clients;

    public CallMetrics(IMeterFactory meters, IOptions<CallTelemetryOptions> options)
    {
        var meter = meters.Create(GatewayMetrics.MeterName);
        _calls = meter.CreateCounter<long>("mcp.gateway.calls", "{call}",
            "Calls by method, tool, backend, policy decision and outcome.");
        _callerCalls = meter.CreateCounter<long>("mcp.gateway.caller.calls", "{call}",
            "Calls by caller, client, backend and policy decision; callers and clients past Gateway:Telemetry's caps are counted as _other.");
        _rejections = meter.CreateCounter<long>("mcp.gateway.rate_limit.rejections", "{call}",
            "Calls a rate limit refused, by limit and caller.");
        _callers = new CallerLabels(options.Value.MaxCallers);
        _clients = new CallerLabels(options.Value.MaxClients);
    }

    public void Record(JsonRpcRequest request, GatewayCall call, string outcome, string? limit)
    {
        var decision = CallLabels.DecisionOf(call);
        var backend = CallLabels.BackendOf(call);
        var tags = new TagList
        {
            { "mcp.method.name", request.Method },
            { "mcp.gateway.backend", backend },
            { "mcp.gateway.decision", decision },
            { "mcp.gateway.outcome", outcome },
        };
        if (request.Method == RequestMethods.ToolsCall)
        {
            tags.Add("gen_ai.tool.name", CallLabels.ToolOf(request, call));
        }

        _calls.Add(1, tags);

        var caller = _callers.Of(call.Caller.Subject);
        _callerCalls.Add(1, new TagList
        {
            { "enduser.id", caller },
            { "mcp.gateway.client_id", _clients.Of(call.Caller.ClientId) },
            { "mcp.gateway.backend", backend },
            { "mcp.gateway.decision", decision },
        });

        if (limit is not null)
        {
            _rejections.Add(1, new TagList { { "mcp.gateway.limit", limit }, { "enduser.id", caller } });
        }
    }
}
