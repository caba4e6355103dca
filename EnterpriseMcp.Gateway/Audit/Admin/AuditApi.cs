using System.Text.Json;
using EnterpriseMcp.Gateway.Admin;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// The audit log for administrators (<see cref="AdminAccess"/>): <c>GET /admin/audit/records</c> (a page of records and the
/// cursor of the next), <c>GET /admin/audit/export</c> (every matching record as JSON lines, streamed) and
/// <c>GET /admin/audit/verify</c> (the chain checked from its start or newest checkpoint).
/// </summary>
internal static partial class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        // Anonymous to the authorization middleware: each handler checks the caller itself and answers in JSON.
        endpoints.MapGet("/admin/audit/records", RecordsAsync).AllowAnonymous();
        endpoints.MapGet("/admin/audit/export", ExportAsync).AllowAnonymous();
        endpoints.MapGet("/admin/audit/verify", VerifyAsync).AllowAnonymous();
        return endpoints;
    }

    internal static async Task RecordsAsync(HttpContext context)
    {
        if (await AdmitAsync(context, "the audit's records", AuditQuery.Parameters, AuditQuery.DefaultLimit, AuditQuery.MaxLimit) is not (var store, var query, _))
        {
            return;
        }

        // One more than asked for: whether it exists says whether there is a next page.
        var records = new List<SealedAuditRecord>();
        await foreach (var record in store.QueryAsync(query with { Limit = query.Limit + 1 }, context.RequestAborted))
        {
            records.Add(record);
        }

        var next = records.Count > query.Limit ? records[query.Limit!.Value - 1].Sequence : (long?)null;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartArray("records");
        foreach (var record in records.Take(query.Limit!.Value))
        {
            AuditExport.Write(writer, record);
        }

        writer.WriteEndArray();
        if (next is { } cursor)
        {
            writer.WriteNumber("next", cursor);
        }
        else
        {
            writer.WriteNull("next");
        }

        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    internal static async Task ExportAsync(HttpContext context)
    {
        if (await AdmitAsync(context, "the audit's export", AuditQuery.Parameters, defaultLimit: null, maxLimit: int.MaxValue) is not (var store, var query, var logger))
        {
            return;
        }

        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        var count = await AuditExport.WriteLinesAsync(store, query, context.Response.BodyWriter, context.RequestAborted);
        LogExported(logger, count);
    }

    internal static async Task VerifyAsync(HttpContext context)
    {
        if (await AdmitAsync(context, "the audit's verification", [], null, 0) is not (var store, _, _))
        {
            return;
        }

        var trail = context.RequestServices.GetRequiredService<AuditTrail>();
        var verification = await trail.VerifyAsync(store, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(verification, AuditApiJson.Default.AuditVerification, cancellationToken: context.RequestAborted);
    }

    /// <summary>The store and the query of an administrator's request; null when it was answered with an error.</summary>
    private static async Task<(IAuditStore Store, AuditQuery Query, ILogger Logger)?> AdmitAsync(HttpContext context, string what,
        string[] parameters, int? defaultLimit, int maxLimit)
    {
        var (caller, refusal) = AdminAccess.Check(context, what);
        if (refusal is not null)
        {
            if (refusal.Status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }

            await WriteErrorAsync(context, refusal.Status, refusal.Error);
            return null;
        }

        var request = context.Request.Query;
        var unknown = request.Keys.Except(parameters, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, parameters.Length == 0
                ? $"Unknown parameters: {string.Join(", ", unknown)}. It takes none."
                : $"Unknown parameters: {string.Join(", ", unknown)}. {AuditQuery.Usage}");
            return null;
        }

        if (!AuditQuery.TryParse(name => request[name].LastOrDefault(), defaultLimit, maxLimit, out var query, out var problem))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"{problem} {AuditQuery.Usage}");
            return null;
        }

        var trail = context.RequestServices.GetRequiredService<AuditTrail>();
        if (trail.Log?.Store is not { } store)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable,
                $"The audit log is not open: it is off ({AuditOptions.SectionName}:Enabled) or the gateway is still starting.");
            return null;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditApi).FullName!);
        LogRead(logger, caller.Subject ?? "(loopback)", context.Request.Path, context.Request.QueryString.Value ?? "");
        return (store, query, logger);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new AuditApiError(error), AuditApiJson.Default.AuditApiError, cancellationToken: context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The audit log read by '{Admin}': {Path}{Query}.")]
    private static partial void LogRead(ILogger logger, string admin, string path, string query);

    [LoggerMessage(Level = LogLevel.Information, Message = "The audit export wrote {Count} record(s).")]
    private static partial void LogExported(ILogger logger, long count);
}
