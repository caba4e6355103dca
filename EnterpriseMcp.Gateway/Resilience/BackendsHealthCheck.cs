using EnterpriseMcp.Gateway.Backends;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseMcp.Gateway.Resilience;

/// <summary>
/// Each backend's state in <c>/health</c>'s details, with the reason when it is not up. A backend down degrades the gateway rather than
/// failing it: the others still serve.
/// </summary>
internal sealed class BackendsHealthCheck(BackendRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var down = new List<string>();
        foreach (var backend in registry.Backends)
        {
            var state = StateOf(backend);
            data[backend.Name] = state;
            if (state != "up")
            {
                down.Add(backend.Name);
            }
        }

        return Task.FromResult(down.Count == 0
            ? HealthCheckResult.Healthy($"{data.Count} backend(s) up.", data)
            : HealthCheckResult.Degraded($"Unavailable: {string.Join(", ", down)}.", data: data));
    }

    /// <summary>The state, and why when it is not up: the reason of the last failure to reach it.</summary>
    private static string StateOf(Backend backend)
    {
        var state = backend.Circuit.State switch
        {
            CircuitState.Open => "circuit open",
            CircuitState.HalfOpen => "probing",
            _ when backend.Catalog is null => "not listed yet",
            _ when backend.Failure is not null => "failing",
            _ => "up",
        };
        return state is "up" or "probing" || backend.Failure is not { } reason ? state : $"{state}: {reason}";
    }
}
