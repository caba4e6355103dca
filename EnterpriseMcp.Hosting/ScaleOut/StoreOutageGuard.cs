using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;

namespace EnterpriseMcp.Hosting.ScaleOut;

/// <summary>
/// Answers a request that needs the shared store while it is out of reach with 503 and <c>Retry-After</c>, a JSON-RPC
/// error that says so, instead of a 500; a stream already under way is closed, and the client resumes it later.
/// </summary>
internal static class StoreOutageGuard
{
    /// <summary>Seconds a client is told to wait: Redis restarts or fails over in about that.</summary>
    public const int RetryAfterSeconds = 2;

    public static RequestDelegate Around(RequestDelegate handler) => async context =>
    {
        try
        {
            await handler(context);
        }
        catch (McpStoreUnavailableException outage)
        {
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            context.Response.Headers.RetryAfter = $"{RetryAfterSeconds}";
            await JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, McpErrorCodes.ServerError,
                $"Service Unavailable: {outage.Message}");
        }
    };
}
