using System.Threading.RateLimiting;

namespace EnterpriseMcp.Gateway.RateLimiting;

/// <summary>
/// One configuration of the limits, built once: each rule (<see cref="CompiledRule"/>, with its buckets in this replica's
/// memory) and each backend's concurrency limiter.
/// </summary>
internal sealed class CompiledLimits : IDisposable
{
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

    public CallAdmission Admit(LimitedCall call) => TakeTokens(call) ?? TakeSlot(call);

    /// <summary>Each rule that counts the call, with the bucket it draws from; in the rules' order.</summary>
    public IEnumerable<(CompiledRule Rule, string Partition)> BucketsOf(LimitedCall call)
    {
        foreach (var rule in _rules)
        {
            if (rule.Matches(call) && rule.PartitionOf(call) is { } partition)
            {
                yield return (rule, partition);
            }
        }
    }

    /// <summary>A token from each matching rule's bucket in memory; the refusal of the first that has none.</summary>
    public CallAdmission? TakeTokens(LimitedCall call)
    {
        foreach (var rule in _rules)
        {
            if (rule.Matches(call) && rule.TryTake(call) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>
    /// A slot of the backend's concurrency limit, always this replica's: it protects the replica's own connections to the
    /// backend.
    /// </summary>
    public CallAdmission TakeSlot(LimitedCall call)
    {
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
            rule.Dispose();
        }
    }

    internal sealed record BackendConcurrency(int Limit)
    {
        public ConcurrencyLimiter Limiter { get; } = new(new ConcurrencyLimiterOptions { PermitLimit = Limit, QueueLimit = 0 });
    }
}
