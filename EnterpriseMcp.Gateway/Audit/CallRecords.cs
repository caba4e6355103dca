using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Pipeline;
using EnterpriseMcp.Hosting.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>An audit record of one request: who and what (its <see cref="GatewayCall"/>), from where (the request's origin), and how it ended.</summary>
internal sealed class CallRecords(AuditArguments arguments, TimeProvider time)
{
    public AuditRecord Of(JsonRpcRequest request, GatewayCall call, AuditOutcome outcome, string? rule = null, string? reason = null,
        string? errorType = null)
    {
        var origin = request.Context?.Items?.TryGetValue(McpRequestOrigin.Key, out var value) == true ? value as McpRequestOrigin : null;
        var caller = call.Caller;
        return new AuditRecord
        {
            Time = time.GetUtcNow(),
            RequestId = request.Id.ToString(),
            TraceId = origin?.TraceId ?? Activity.Current?.TraceId.ToString(),
            Caller = new AuditCaller(caller.Subject, caller.Issuer, caller.ClientId, caller.Actor, [.. caller.Roles.Order(StringComparer.Ordinal)]),
            SessionHash = origin?.SessionId is { } session ? HashOf(session) : null,
            SourceAddress = origin?.SourceAddress,
            UserAgent = origin?.UserAgent,
            Method = request.Method,
            Name = call.Target?.Name,
            Backend = call.Target?.Backend?.Name,
            OriginalName = call.Target?.OriginalName,
            Arguments = arguments.Of((request.Params as JsonObject)?["arguments"] as JsonObject),
            Outcome = outcome,
            Rule = rule ?? call.Decision?.RuleName,
            Reason = reason ?? call.Decision?.Reason,
            ErrorType = errorType,
            DurationMilliseconds = time.GetElapsedTime(call.StartedAt).TotalMilliseconds,
            ResultBytes = call.Answer.Bytes > 0 ? call.Answer.Bytes : null,
        };
    }

    // Enough to group a session's records; a session id is a credential, so it is never kept as it is.
    public static string HashOf(string session) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(session)).AsSpan(0, 12));
}
