using System.Globalization;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Pipeline;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.RateLimiting;

/// <summary>
/// The rate limits applied to each call (tools/call, prompts/get, resources/read) of either generation before it
/// reaches a backend: a call over a limit is answered 429 with <c>Retry-After</c> and a JSON-RPC error whose data names
/// the limit and when to retry; an admitted call holds its backend's concurrency slot until its answer is written. Lists
/// and names the catalog does not know are not limited (the server answers them).
/// </summary>
internal sealed class CallLimitAdmission(ICallLimiter limiter, GatewayCalls calls) : IMcpRequestAdmission
{
    public const int TooManyRequests = StatusCodes.Status429TooManyRequests;

    public async ValueTask<McpAdmission> AdmitAsync(HttpContext context, JsonRpcRequest request, CancellationToken cancellationToken)
    {
        // Prompts and tools are limited by the name the gateway exposes, resources by URI; subscriptions and completions are not calls.
        if (request.Method is not (RequestMethods.ToolsCall or RequestMethods.PromptsGet or RequestMethods.ResourcesRead))
        {
            return McpAdmission.Admit();
        }

        var call = calls.Of(context.User, request);
        if (call.Target is not { Backend: { } backend, Name: var name })
        {
            return McpAdmission.Admit();
        }

        var admission = await limiter.AdmitAsync(
            new LimitedCall(call.CallerKey, call.Caller.Roles, call.Caller.ClientId, backend.Name, name), cancellationToken);
        return admission.Admitted ? McpAdmission.Admit(admission) : McpAdmission.Refuse(Refusal(admission, name));
    }

    private static McpAdmissionRefusal Refusal(CallAdmission refused, string name)
    {
        // Whole seconds, rounded up: a client that waits as long is let through.
        var seconds = Math.Max(1, (int)Math.Ceiling(refused.RetryAfter.TotalSeconds));
        return new McpAdmissionRefusal(
            TooManyRequests,
            McpErrorCodes.ServerError,
            $"Too many requests: the rate limit '{refused.Limit}' admits no more calls of '{name}' now; retry in {seconds} s.",
            new JsonObject { ["limit"] = refused.Limit, ["retryAfterSeconds"] = seconds },
            new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) });
    }
}
