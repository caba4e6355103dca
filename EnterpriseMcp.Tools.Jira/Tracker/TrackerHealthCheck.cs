using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseMcp.Tools.Jira.Tracker;

/// <summary>Ready when the tracker lists its projects (the embedded file opens; Jira answers with the credentials).</summary>
internal sealed class TrackerHealthCheck(IIssueTracker tracker) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await tracker.ListProjectsAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The issue tracker does not answer: {error.Message}");
        }
    }
}
