using System.Collections.Concurrent;
using System.Security.Claims;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// Remembers tokens that passed validation, so a client that sends the same token with every call pays for
/// the RSA signature check once (it was a fifth of the server's CPU under load), not on every request.
/// An entry lives until the token expires or for <see cref="MaxAge"/>, whichever is sooner, so a key the
/// issuer withdraws stops being honoured within that time.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    // Bounded: past this many entries the cache starts over rather than growing with every new token.
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public ClaimsPrincipal? Find(string token)
    {
        if (!_entries.TryGetValue(token, out var entry))
        {
            return null;
        }

        if (entry.Until > time.GetUtcNow())
        {
            return entry.Principal;
        }

        _entries.TryRemove(token, out _);
        return null;
    }

    public void Add(string token, ClaimsPrincipal principal, DateTimeOffset expires)
    {
        var until = time.GetUtcNow() + MaxAge;
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[token] = new Entry(principal, expires < until ? expires : until);
    }

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset Until);
}
