using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseMcp.Tools.Db.Databases;

/// <summary>
/// Ready when the database lists its tables through the path every read takes: this reads the database itself (a
/// constant <c>SELECT 1</c> would not notice a file SQLite can no longer read).
/// </summary>
internal sealed class DatabaseHealthCheck(IDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.ListTablesAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{database.Kind} answers.");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The message only: it names the problem without the connection string.
            return HealthCheckResult.Unhealthy($"{database.Kind} does not answer: {error.Message}");
        }
    }
}
