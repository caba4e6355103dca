using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// Each audit record also leaves as telemetry, for the anomaly rules and whatever watches the traces: an event on the
/// request's span (<c>mcp.audit</c>) and a structured log record in the <see cref="Category"/> category, which goes to
/// OTLP when an exporter is configured and not to the console (appsettings.json).
/// </summary>
internal sealed partial class AuditEvents(ILoggerFactory loggers)
{
    public const string Category = "EnterpriseMcp.Gateway.Audit.Events";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void Emit(AuditRecord record, bool kept)
    {
        if (Activity.Current is { IsAllDataRequested: true } span)
        {
            span.AddEvent(new ActivityEvent("mcp.audit", tags: new ActivityTagsCollection
            {
                ["mcp.audit.outcome"] = record.Outcome.ToString(),
                ["mcp.audit.kept"] = kept,
                ["mcp.audit.rule"] = record.Rule,
                ["mcp.method.name"] = record.Method,
                ["mcp.audit.name"] = record.Name,
                ["mcp.audit.backend"] = record.Backend,
                ["enduser.id"] = record.Caller.Subject,
                ["client.address"] = record.SourceAddress,
                ["error.type"] = record.ErrorType,
            }));
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            LogRecorded(record.Outcome, record.Method, record.Name, record.Caller.Subject, record.Caller.Issuer, record.Caller.ClientId,
                record.Backend, record.Rule, record.ErrorType, record.SourceAddress, record.DurationMilliseconds, kept);
        }
    }

    [LoggerMessage(EventId = 1, EventName = "AuditRecord", Level = LogLevel.Information,
        Message = "Audit {Outcome}: {Method} '{Name}' by '{Subject}' ({Issuer}, client {ClientId}) to {Backend}, rule {Rule}, error {ErrorType}, from {SourceAddress}, {DurationMs} ms, kept {Kept}")]
    private partial void LogRecorded(AuditOutcome outcome, string method, string? name, string? subject, string? issuer, string? clientId,
        string? backend, string? rule, string? errorType, string? sourceAddress, double durationMs, bool kept);
}
