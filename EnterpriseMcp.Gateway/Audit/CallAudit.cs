using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Hosting.Protocol;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// The audit step of a call that reached its backend, on both entries (a session's server and the 2026-07-28 shortcut):
/// the record of how it ended (answered, a tool's own error, failed) is kept before its answer is released; when it
/// cannot be kept (closed failure mode) the answer is withheld and the client told why.
/// </summary>
internal sealed class CallAudit(AuditTrail trail, CallRecords records, GatewayRequestAuthorizer authorizer, TimeProvider time)
{
    public async Task<JsonNode> RunAsync(JsonRpcRequest request, ClaimsPrincipal? user, string name, Backend backend, string originalName,
        Func<Task<JsonNode>> forward, CancellationToken cancellationToken)
    {
        if (!trail.Enabled)
        {
            return await forward();
        }

        var started = time.GetTimestamp();
        JsonNode result;
        try
        {
            result = await forward();
        }
        catch (InputRequiredException)
        {
            // Not an end: the client answers the question and calls again, which is another request and record.
            await KeepAsync(request, user, name, backend, originalName, AuditOutcome.Allowed, started, "input_required", cancellationToken);
            throw;
        }
        catch (Exception error) when (error is McpException or OperationCanceledException)
        {
            // The failure is the answer: kept first, then released as it is, or withheld if it cannot be kept.
            await KeepAsync(request, user, name, backend, originalName, AuditOutcome.Failed, started, ErrorTypeOf(error), cancellationToken);
            throw;
        }

        await KeepAsync(request, user, name, backend, originalName, AuditOutcome.Allowed, started,
            IsToolError(result) ? "tool_error" : null, cancellationToken);
        return result;
    }

    private async Task KeepAsync(JsonRpcRequest request, ClaimsPrincipal? user, string name, Backend backend, string originalName,
        AuditOutcome outcome, long started, string? errorType, CancellationToken cancellationToken)
    {
        var record = records.Of(request, authorizer.PrincipalOf(user), name, backend.Name, originalName, outcome, started, errorType: errorType);
        if (!await trail.KeepAsync(record, CancellationToken.None))
        {
            throw new McpProtocolException(
                "Service unavailable: the call was made but the gateway could not record it in its audit log, so its answer is withheld.",
                McpErrorCode.InternalError);
        }
    }

    private static string ErrorTypeOf(Exception error) => error switch
    {
        McpProtocolException protocol => ((int)protocol.ErrorCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        OperationCanceledException => "cancelled",
        _ => error.GetType().Name,
    };

    private static bool IsToolError(JsonNode result) =>
        result is JsonObject answer && answer["isError"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;
}
