using System.Diagnostics;
using System.Security.Claims;
using EnterpriseMcp.Gateway.Audit;
using Microsoft.Extensions.Logging.Abstractions;

/// <summary>
/// The floor of a gateway: the bare proxy plus only the two things no gateway of ours may skip, each done by the same
/// code the gateway uses: the caller's JWT validated (the resource server of EnterpriseMcp.Hosting, configured by
/// <c>Mcp__Auth__Authority</c> and <c>Mcp__Auth__Resource</c>, its validated-token cache included) and one durable audit
/// record per call (the gateway's <see cref="AuditLog"/> on SQLite at <c>AUDIT_DB</c>). No policy, limits, token
/// exchange or JSON: whatever the gateway costs above this is its own.
/// </summary>
internal static class Floor
{
    public static string? Authority => Environment.GetEnvironmentVariable("Mcp__Auth__Authority");

    public static string? AuditPath => Environment.GetEnvironmentVariable("AUDIT_DB");

    public static void AddFloor(this WebApplicationBuilder builder)
    {
        if (Authority is not null)
        {
            builder.AddMcpResourceServer();
        }
    }

    public static async Task UseFloorAsync(this WebApplication app)
    {
        if (Authority is not null)
        {
            app.UseAuthentication();
            app.Use((context, next) => context.User.Identity?.IsAuthenticated == true ? next(context) : Refuse(context));
        }

        if (AuditPath is { } path)
        {
            var log = await AuditLog.OpenAsync(new SqliteAuditStore(path), NullLogger.Instance, CancellationToken.None);
            app.Use(async (context, next) =>
            {
                var started = Stopwatch.GetTimestamp();
                await next(context);
                await log.WriteAsync(RecordOf(context, Stopwatch.GetElapsedTime(started)), CancellationToken.None);
            });
        }
    }

    private static Task Refuse(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    // Recorded after the answer was copied (the proxy streams it): the floor counts the record's cost, not its timing.
    private static AuditRecord RecordOf(HttpContext context, TimeSpan duration) => new()
    {
        Time = DateTimeOffset.UtcNow,
        TraceId = Activity.Current?.TraceId.ToString(),
        Caller = new AuditCaller(context.User.FindFirstValue("sub"), context.User.FindFirstValue("iss"),
            context.User.FindFirstValue("client_id"), null, []),
        SourceAddress = context.Connection.RemoteIpAddress?.ToString(),
        UserAgent = context.Request.Headers.UserAgent,
        Method = context.Request.Headers["Mcp-Method"].ToString(),
        Name = context.Request.Headers["Mcp-Name"].ToString(),
        Outcome = context.Response.StatusCode < 400 ? AuditOutcome.Allowed : AuditOutcome.Failed,
        DurationMilliseconds = duration.TotalMilliseconds,
    };
}
