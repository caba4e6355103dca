using System.Threading.RateLimiting;

namespace EnterpriseMcp.Gateway.RateLimiting;

/// <summary>
/// One configuration of the limits, built once: each rule's buckets (a <see cref="PartitionedRateLimiter{TResource}"/> of
/// token buckets, one per caller, caller and backend, caller and tool, or client) and each backend's concurrency limiter.
/// </summary>
internal sealed class CompiledLimits : IDisposable
{
    // The partitioned limiter refills its buckets on its own tick of 100 ms; a bucket refills at most that often.
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly CompiledRule[] _rules;

    public CompiledLimits(RateLimitOptions options, CompiledLimits? previous = null)
    {
        _rules = options.Rules.Select(rule => new CompiledRule(rule)).ToArray();
        // A backend whose limit did not change keeps its limiter, and with it the calls in flight.
        Concurrency = options.MaxConcurrentCalls.ToDictionary(
            backend => backend.Key,
            backend => previous?.Concurrency.GetValueOrDefault(backend.Key) is { Limit: var same } kept && same == backend.Value
                ? kept
                : new BackendConcurrency(backend.Value),
            StringComparer.Ordinal);
    }

    public Dictionary<string, BackendConcurrency> Concurrency { get; }

    public CallAdmission Admit(LimitedCall call)
    {
        foreach (var rule in _rules)
        {
            if (rule.Matches(call))
            {
                using var lease = rule.Buckets.AttemptAcquire(call);
                if (!lease.IsAcquired)
                {
                    return CallAdmission.Refuse(rule.Name, lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Tick);
                }
            }
        }

        if (Concurrency.TryGetValue(call.Backend, out var backend))
        {
            var slot = backend.Limiter.AttemptAcquire();
            if (!slot.IsAcquired)
            {
                slot.Dispose();
                return CallAdmission.Refuse($"concurrency:{call.Backend}", TimeSpan.FromSeconds(1));
            }

            return CallAdmission.Admit(slot);
        }

        return CallAdmission.Admit(null);
    }

    public void Dispose()
    {
        foreach (var rule in _rules)
        {
            rule.Buckets.Dispose();
        }
    }

    internal sealed record BackendConcurrency(int Limit)
    {
        public ConcurrencyLimiter Limiter { get; } = new(new ConcurrencyLimiterOptions { PermitLimit = Limit, QueueLimit = 0 });
    }

    private sealed class CompiledRule
    {
        private readonly HashSet<string> _roles;
        private readonly HashSet<string> _backends;
        private readonly HashSet<string> _names;

        public CompiledRule(RateLimitRuleOptions rule)
        {
            Name = rule.Name;
            _roles = [.. rule.Roles];
            _backends = [.. rule.Backends];
            _names = [.. rule.Names];
            var bucket = BucketOf(rule.PermitsPerMinute, rule.EffectiveBurst);
            Buckets = PartitionedRateLimiter.Create<LimitedCall, string>(call => PartitionOf(rule.Per, call) is { } key
                ? RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket)
                : RateLimitPartition.GetNoLimiter(""));
        }

        public string Name { get; }

        public PartitionedRateLimiter<LimitedCall> Buckets { get; }

        public bool Matches(LimitedCall call) =>
            (_roles.Count == 0 || _roles.Overlaps(call.Roles))
            && (_backends.Count == 0 || _backends.Contains(call.Backend))
            && (_names.Count == 0 || _names.Contains(call.Name));

        /// <summary>Which bucket of the rule a call draws from; none for a client limit on a call that names no client.</summary>
        private static string? PartitionOf(RateLimitScope per, LimitedCall call) => per switch
        {
            RateLimitScope.Caller => call.CallerKey,
            RateLimitScope.CallerAndBackend => $"{call.CallerKey}\n{call.Backend}",
            RateLimitScope.CallerAndTool => $"{call.CallerKey}\n{call.Name}",
            _ => call.ClientId,
        };

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
}
