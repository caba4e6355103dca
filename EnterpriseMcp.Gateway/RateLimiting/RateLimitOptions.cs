namespace EnterpriseMcp.Gateway.RateLimiting;

/// <summary>
/// The gateway's rate limits (<c>Gateway:RateLimits</c>): token-bucket rules, each counting calls per caller, per caller
/// and backend, per caller and tool, or per client, for the calls it matches (by role, backend, tool); and a concurrency
/// limit per backend. A call must pass every rule that matches it. Only calls are limited (tools/call, prompts/get,
/// resources/read), never lists, so that a limited caller still sees what it may call.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Gateway:RateLimits";

    public List<RateLimitRuleOptions> Rules { get; set; } = [];

    /// <summary>The most calls in flight to each backend at once, by backend name; unset: no limit.</summary>
    public Dictionary<string, int> MaxConcurrentCalls { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One rule: a bucket of <see cref="Burst"/> calls, refilled at <see cref="PermitsPerMinute"/>, one bucket per <see cref="Per"/>.</summary>
public sealed class RateLimitRuleOptions
{
    /// <summary>What a limited call's error and the audit name the rule by.</summary>
    public string Name { get; set; } = "";

    public RateLimitScope Per { get; set; } = RateLimitScope.Caller;

    public int PermitsPerMinute { get; set; }

    /// <summary>How many calls may come at once after a quiet time; by default a tenth of a minute's permits (at least 1).</summary>
    public int? Burst { get; set; }

    /// <summary>The rule counts only callers with one of these roles; empty: every caller.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The rule counts only calls to these backends; empty: every backend.</summary>
    public List<string> Backends { get; set; } = [];

    /// <summary>The rule counts only calls to these tools, prompts or resources, by the name the gateway exposes; empty: all.</summary>
    public List<string> Names { get; set; } = [];

    public int EffectiveBurst => Burst ?? Math.Max(1, PermitsPerMinute / 10);
}

/// <summary>What one bucket of a rule counts.</summary>
public enum RateLimitScope
{
    Caller,
    CallerAndBackend,
    CallerAndTool,
    Client,
}
