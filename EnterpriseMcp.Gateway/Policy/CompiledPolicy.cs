using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// One snapshot of <c>Gateway:Policy</c>, immutable but for its cache of which rule matches each name: a reload
/// replaces the whole snapshot, so a cached rule index never points into another rule list.
/// </summary>
internal sealed class CompiledPolicy
{
    // Per kind: tool and prompt names are few, but resource URIs are not, so the cache starts over past this size.
    private const int CacheCapacity = 10_000;
    private const int NoRule = -1;

    private readonly ConcurrentDictionary<string, int>[] _matches =
        [new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal)];

    private readonly int[] _cached = new int[3];

    public CompiledPolicy(PolicyOptions options)
    {
        Rules = [.. options.Rules.Select((rule, index) => new PolicyRule(rule, index))];
        ScopesSupported = [.. Rules.SelectMany(rule => rule.Scopes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        AdminRoles = options.AdminRoles.Where(role => !string.IsNullOrWhiteSpace(role)).ToFrozenSet(StringComparer.Ordinal);
    }

    public PolicyRule[] Rules { get; }

    public string[] ScopesSupported { get; }

    public FrozenSet<string> AdminRoles { get; }

    /// <summary>The first rule whose patterns of <paramref name="kind"/> match <paramref name="name"/>.</summary>
    public PolicyRule? RuleFor(PolicyTargetKind kind, string name)
    {
        if (!_matches[(int)kind].TryGetValue(name, out var index))
        {
            index = Remember(kind, name);
        }

        return index == NoRule ? null : Rules[index];
    }

    // Apart from RuleFor, whose hits must not allocate.
    private int Remember(PolicyTargetKind kind, string name)
    {
        var index = Array.FindIndex(Rules, rule => rule.Covers(kind, name));
        var matches = _matches[(int)kind];
        if (Interlocked.Increment(ref _cached[(int)kind]) > CacheCapacity)
        {
            matches.Clear();
            Volatile.Write(ref _cached[(int)kind], 1);
        }

        matches[name] = index;
        return index;
    }
}
