using System.Text.RegularExpressions;
using EnterpriseMcp.Hosting.Http;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// Records each request answered 401 (no credentials, or a token or key that is not valid here) on any of the gateway's
/// paths: who tried is unknown, so the record holds where it came from, what it asked for and why it was refused, never
/// the credential. Outermost in the pipeline, so refusals by authentication and by authorization are both seen.
/// </summary>
internal sealed partial class UnauthenticatedAudit(AuditTrail trail, TimeProvider time) : IStartupFilter
{
    private static readonly AuditCaller Nobody = new(null, null, null, null, []);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var started = time.GetTimestamp();
            await nextMiddleware(context);
            if (context.Response.StatusCode == StatusCodes.Status401Unauthorized && trail.Enabled)
            {
                // After the answer: the record of a refusal holds nothing back that a client could use.
                await trail.KeepAsync(RecordOf(context, started), CancellationToken.None);
            }
        });
        next(app);
    };

    private AuditRecord RecordOf(HttpContext context, long started)
    {
        var origin = McpRequestOrigin.Of(context);
        return new AuditRecord
        {
            Time = time.GetUtcNow(),
            TraceId = origin.TraceId,
            Caller = Nobody,
            SessionHash = origin.SessionId is { } session ? CallRecords.HashOf(session) : null,
            SourceAddress = origin.SourceAddress,
            UserAgent = origin.UserAgent,
            // The body is not read for a caller who is not let in: the request is named by its HTTP method and path.
            Method = $"{context.Request.Method} {context.Request.Path}",
            Outcome = AuditOutcome.Denied,
            Reason = ReasonOf(context.Response.Headers.WWWAuthenticate.ToString()),
            ErrorType = "401",
            DurationMilliseconds = time.GetElapsedTime(started).TotalMilliseconds,
        };
    }

    private static string ReasonOf(string challenge) =>
        Description().Match(challenge) is { Success: true } match ? match.Groups[1].Value : "no credentials were presented";

    [GeneratedRegex("error_description=\"([^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex Description();
}
