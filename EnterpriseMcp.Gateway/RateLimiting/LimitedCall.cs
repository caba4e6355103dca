namespace EnterpriseMcp.Gateway.RateLimiting;

/// <summary>
/// What the limits look at in a call: the caller's stable key (issuer and subject), its roles and client, the backend,
/// and the name the gateway exposes.
/// </summary>
public sealed record LimitedCall(string CallerKey, IReadOnlySet<string> Roles, string? ClientId, string Backend, string Name);

/// <summary>Whether a call may go on: when it may, the concurrency slot it holds until disposed; when not, which rule refused and when to retry.</summary>
public sealed class CallAdmission : IDisposable
{
    private readonly IDisposable? _slot;

    private CallAdmission(IDisposable? slot, string? limit, TimeSpan retryAfter) => (_slot, Limit, RetryAfter) = (slot, limit, retryAfter);

    public bool Admitted => Limit is null;

    /// <summary>The rule that refused (its name), or <c>concurrency:{backend}</c>.</summary>
    public string? Limit { get; }

    public TimeSpan RetryAfter { get; }

    public static CallAdmission Admit(IDisposable? slot) => new(slot, null, TimeSpan.Zero);

    public static CallAdmission Refuse(string limit, TimeSpan retryAfter) => new(null, limit, retryAfter);

    public void Dispose() => _slot?.Dispose();
}

/// <summary>The gateway's rate limits: in memory for one replica; shared through Redis when the gateway runs as several.</summary>
public interface ICallLimiter
{
    ValueTask<CallAdmission> AdmitAsync(LimitedCall call, CancellationToken cancellationToken);
}
