using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>What became of a presented key: its caller, or why it is refused.</summary>
internal sealed record ApiKeyVerdict(ClaimsPrincipal? Principal, string? Failure);

/// <summary>
/// Checks a presented API key against the store: the hash of its text compared in constant time, then revocation and
/// expiry. A key read from the store is kept for <c>Gateway:ApiKeys:CacheSeconds</c>, so a caller's requests do not each
/// read the database, and a revocation takes effect within that time; the hash is compared on every request regardless.
/// </summary>
internal sealed partial class ApiKeyValidator(IApiKeyStore store, IOptions<ApiKeyOptions> options, ApiKeyUsage usage,
    TimeProvider time, ILogger<ApiKeyValidator> logger)
{
    // Bounded: past this many keys the cache starts over rather than growing.
    private const int Capacity = 10_000;

    // One text for an unknown id and a wrong secret, so that a caller cannot learn which ids exist.
    public const string NotKnown = "The API key is not known here";

    private readonly ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);

    public async Task<ApiKeyVerdict> ValidateAsync(string text, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.TryParse(text, out var id))
        {
            return Refused($"The API key is not well-formed: expected {ApiKeyFormat.Prefix}<id>_<secret> as the gateway printed it");
        }

        var now = time.GetUtcNow();
        Cached? entry;
        try
        {
            entry = await FindAsync(id, now, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStoreFailed(logger, id, e);
            return Refused("The API key could not be checked now; try again later");
        }

        if (entry is null || !ApiKeyFormat.Matches(text, entry.Stored.Hash))
        {
            return Refused(NotKnown);
        }

        var key = entry.Stored.Key;
        if (key.Revoked is not null)
        {
            return Refused("The API key was revoked");
        }

        if (now >= key.Expires)
        {
            return Refused("The API key expired");
        }

        usage.Record(key.Id, now);
        return new ApiKeyVerdict(entry.Principal, null);
    }

    private async Task<Cached?> FindAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(id, out var cached) && cached.Until > now)
        {
            return cached;
        }

        if (await store.FindAsync(id, cancellationToken) is not { } stored)
        {
            return null;
        }

        var entry = new Cached(stored, ApiKeyPrincipal.Create(stored.Key), now.AddSeconds(options.Value.CacheSeconds));
        if (options.Value.CacheSeconds > 0)
        {
            if (_cache.Count >= Capacity)
            {
                _cache.Clear();
            }

            _cache[id] = entry;
        }

        return entry;
    }

    private static ApiKeyVerdict Refused(string failure) => new(null, failure);

    private sealed record Cached(StoredApiKey Stored, ClaimsPrincipal Principal, DateTimeOffset Until);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read API key '{Id}' from its store")]
    private static partial void LogStoreFailed(ILogger logger, string id, Exception exception);
}
