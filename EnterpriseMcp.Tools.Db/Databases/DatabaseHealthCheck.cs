using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseMcp.Tools.Db.Databases;

/// <summary>Ready when the database answers a trivial read.</summary>
internal sealed class DatabaseHealthCheck(IDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.QueryAsync("SELECT 1", 1, cancellationToken);
            return HealthCheckResult.Healthy($"{database.Kind} answers.");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The message only: it names the problem without the connection string.
            return HealthCheckResult.Unhealthy($"{database.Kind} does not answer: {error.Message}");
        }
    }
}
