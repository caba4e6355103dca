using EnterpriseMcp.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.RateLimiting;

/// <summary>
/// The limits of one gateway replica, in its memory. A change of <c>Gateway:RateLimits</c> is applied without a restart
/// (<see cref="GatewaySettingsMonitor"/> says when, and has refused an invalid one): the new limits are built and swapped
/// in whole (their buckets start full; a backend's unchanged concurrency limit is kept, with its calls in flight).
/// </summary>
internal sealed class InMemoryCallLimiter : ICallLimiter, IDisposable
{
    private readonly GatewaySettingsMonitor _settings;
    private CompiledLimits _limits;

    /// <param name="options">The limits at start, validated then (the start fails with every problem).</param>
    public InMemoryCallLimiter(IOptions<RateLimitOptions> options, GatewaySettingsMonitor settings)
    {
        _settings = settings;
        _limits = new CompiledLimits(options.Value);
        settings.Changed += Follow;
    }

    /// <summary>The limits in force now; a reload swaps in new ones.</summary>
    public CompiledLimits Current => Volatile.Read(ref _limits);

    public CallAdmission Admit(LimitedCall call) => Current.Admit(call);

    public ValueTask<CallAdmission> AdmitAsync(LimitedCall call, CancellationToken cancellationToken) => ValueTask.FromResult(Admit(call));

    private void Follow(GatewaySettings previous, GatewaySettings next)
    {
        if (next.RateLimits != previous.RateLimits)
        {
            var current = Volatile.Read(ref _limits);
            Interlocked.Exchange(ref _limits, new CompiledLimits(next.RateLimits, current)).Dispose();
        }
    }

    public void Dispose()
    {
        _settings.Changed -= Follow;
        _limits.Dispose();
    }
}
