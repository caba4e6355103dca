using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Pipeline;
using EnterpriseMcp.Gateway.Telemetry;
using EnterpriseMcp.Hosting.Protocol;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// The audit step of a call the gateway forwards, on both entries (a session's server and the 2026-07-28 shortcut): the
/// record of how it ended (answered, a tool's own error, failed, unknown) is kept before its answer is released; when it
/// cannot be kept (closed failure mode) the answer is withheld and the client told why. Its end is also told to the
/// call's telemetry, audit on or off.
/// </summary>
internal sealed class CallAudit(AuditTrail trail, CallRecords records, CallTelemetry telemetry)
{
    /// <summary>
    /// Runs <paramref name="forward"/> (the forwarding step of <paramref name="call"/>, which throws for a name the catalog
    /// does not know) and keeps the record of how it ended before handing its answer back.
    /// </summary>
    public async Task<JsonNode> RunAsync(JsonRpcRequest request, GatewayCall call, Func<Task<JsonNode>> forward)
    {
        JsonNode result;
        try
        {
            result = await forward();
        }
        catch (InputRequiredException)
        {
            // Not an end: the client answers the question and calls again, which is another request and record.
            await EndAsync(request, call, AuditOutcome.Allowed, "input_required");
            throw;
        }
        catch (Exception error) when (error is McpException or OperationCanceledException)
        {
            // The failure is the answer: kept first, then released as it is, or withheld if it cannot be kept.
            await EndAsync(request, call, AuditOutcome.Failed, ErrorTypeOf(error));
            throw;
        }

        await EndAsync(request, call, AuditOutcome.Allowed, IsToolError(result) ? "tool_error" : null);
        return result;
    }

    private async ValueTask EndAsync(JsonRpcRequest request, GatewayCall call, AuditOutcome outcome, string? errorType)
    {
        telemetry.Ended(request, call, outcome, errorType);
        if (trail.Enabled)
        {
            await KeepAsync(request, call, outcome, errorType);
        }
    }

    private async Task KeepAsync(JsonRpcRequest request, GatewayCall call, AuditOutcome outcome, string? errorType)
    {
        // Not the caller's token: a client that goes away does not take the record of what was done with it.
        if (!await trail.KeepAsync(records.Of(request, call, outcome, errorType: errorType), CancellationToken.None))
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
