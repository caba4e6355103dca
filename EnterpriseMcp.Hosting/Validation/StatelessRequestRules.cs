using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using EnterpriseMcp.Hosting.Tools;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Validation;

/// <summary>
/// What a 2026-07-28 POST must satisfy beyond the version checks: routing headers that agree with
/// the body, and no method that revision removed.
/// </summary>
internal static class StatelessRequestRules
{
    // Removed in 2026-07-28: the handshake and ping (server/discover), setLevel (_meta logLevel),
    // and subscribe/unsubscribe (subscriptions/listen).
    private static readonly HashSet<string> RemovedMethods =
    [
        RequestMethods.Initialize, RequestMethods.Ping, "logging/setLevel",
        RequestMethods.ResourcesSubscribe, RequestMethods.ResourcesUnsubscribe,
    ];

    public static McpRequestRejection? Validate(HttpRequest request, JsonRpcMessage message, string version,
        IMcpToolDirectory tools)
    {
        if (StandardHeadersValidator.Validate(request, message, tools) is { } mismatch)
        {
            return mismatch;
        }

        return message is JsonRpcRequest { Method: var method } && RemovedMethods.Contains(method)
            ? new(StatusCodes.Status404NotFound, McpErrorCodes.MethodNotFound,
                $"Method not found: '{method}' does not exist in protocol version {version}.")
            : null;
    }
}
