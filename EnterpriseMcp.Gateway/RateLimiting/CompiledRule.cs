using System.Threading.RateLimiting;

namespace EnterpriseMcp.Gateway.RateLimiting;

/// <summary>
/// One rule, built once: which calls it counts, which bucket each draws from, and those buckets in this replica's memory
/// (a <see cref="PartitionedRateLimiter{TResource}"/> of token buckets, one per caller, caller and backend, caller and
/// tool, or client).
/// </summary>
internal sealed class CompiledRule : IDisposable
{
    // The partitioned limiter refills its buckets on its own tick of 100 ms; a bucket refills at most that often.
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly HashSet<string> _roles;
    private readonly HashSet<string> _backends;
    private readonly HashSet<string> _names;
    private readonly RateLimitScope _per;
    private readonly PartitionedRateLimiter<LimitedCall> _buckets;

    public CompiledRule(RateLimitRuleOptions rule)
    {
        Name = rule.Name;
        PermitsPerMinute = rule.PermitsPerMinute;
        Burst = rule.EffectiveBurst;
        _per = rule.Per;
        _roles = [.. rule.Roles];
        _backends = [.. rule.Backends];
        _names = [.. rule.Names];
        var bucket = BucketOf(rule.PermitsPerMinute, Burst);
        _buckets = PartitionedRateLimiter.Create<LimitedCall, string>(call => PartitionOf(call) is { } key
            ? RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket)
            : RateLimitPartition.GetNoLimiter(""));
    }

    public string Name { get; }

    public int PermitsPerMinute { get; }

    public int Burst { get; }

    public bool Matches(LimitedCall call) =>
        (_roles.Count == 0 || _roles.Overlaps(call.Roles))
        && (_backends.Count == 0 || _backends.Contains(call.Backend))
        && (_names.Count == 0 || _names.Contains(call.Name));

    /// <summary>Which bucket of the rule a call draws from; none for a client limit on a call that names no client.</summary>
    public string? PartitionOf(LimitedCall call) => _per switch
    {
        RateLimitScope.Caller => call.CallerKey,
        RateLimitScope.CallerAndBackend => $"{call.CallerKey}\n{call.Backend}",
        RateLimitScope.CallerAndTool => $"{call.CallerKey}\n{call.Name}",
        _ => call.ClientId,
    };

    /// <summary>A token from the call's bucket in memory; null when there was one, else the refusal.</summary>
    public CallAdmission? TryTake(LimitedCall call)
    {
        using var lease = _buckets.AttemptAcquire(call);
        return lease.IsAcquired
            ? null
            : CallAdmission.Refuse(Name, lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Tick);
    }

    public void Dispose() => _buckets.Dispose();

    /// <summary>A rate in whole tokens per period, the period no shorter than the refill tick.</summary>
    private static TokenBucketRateLimiterOptions BucketOf(int permitsPerMinute, int burst)
    {
        var period = TimeSpan.FromMinutes(1) / permitsPerMinute;
        var tokens = 1;
        if (period < Tick)
        {
            period = Tick;
            tokens = (int)Math.Ceiling(permitsPerMinute / (TimeSpan.FromMinutes(1) / Tick));
        }

        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = false,
        };
    }
}
