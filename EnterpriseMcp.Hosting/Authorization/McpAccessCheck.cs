using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// Asks the <see cref="IMcpRequestAuthorizer"/> about each request of a token-validating server, and turns a denial
/// into a 403 at the HTTP layer, with an <c>insufficient_scope</c> challenge when scopes would help, so the client
/// can step up (ask for them) instead of showing an error.
/// </summary>
internal sealed partial class McpAccessCheck(IServiceProvider services, IMcpRequestAuthorizer authorizer, ILogger<McpAccessCheck> logger)
{
    // Resolved lazily: only servers that called AddMcpResourceServer have challenges to give.
    private readonly Lazy<BearerChallenges?> _challenges = new(() => (BearerChallenges?)services.GetService(typeof(BearerChallenges)));

    public McpRequestRejection? Check(HttpContext context, JsonRpcMessage message)
    {
        if (message is not JsonRpcRequest request
            || _challenges.Value is not { Options.ValidatesTokens: true } challenges
            || authorizer.Authorize(context, request) is not { } denial)
        {
            return null;
        }

        LogDenied(logger, request.Method, McpMessageFields.Target(request) ?? "", McpPrincipal.From(context.User).Subject ?? "?", denial.LogReason ?? denial.Message);
        if (denial.StepUpScopes is { Count: > 0 } scopes)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = challenges.InsufficientScope(scopes);
        }

        return new(StatusCodes.Status403Forbidden, McpErrorCodes.ServerError, denial.Message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} '{Target}' for subject '{Subject}': {Reason}")]
    private static partial void LogDenied(ILogger logger, string method, string target, string subject, string reason);
}
