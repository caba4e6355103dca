using EnterpriseMcp.Gateway.ApiKeys;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Tests.ApiKeys;

/// <summary>
/// The validator's cache and the last-use notes on a real SQLite store, on a clock the test moves: a revocation takes
/// effect once the cached key is stale, the secret is checked even for a cached key, and a busy key is written once a minute.
/// </summary>
public sealed class ApiKeyValidatorTests : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-apikeys-").FullName;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private SqliteApiKeyStore _store = null!;
    private ApiKeyUsage _usage = null!;

    [Fact]
    public async Task A_revoked_key_is_accepted_from_the_cache_for_at_most_CacheSeconds_and_a_wrong_secret_never()
    {
        var validator = Validator(cacheSeconds: 10);
        var (id, key) = await AddAsync(_clock.Now.AddDays(1));
        Assert.NotNull((await validator.ValidateAsync(key, Token)).Principal);

        await _store.RevokeAsync(id, _clock.Now, Token);
        _clock.Advance(TimeSpan.FromSeconds(9));
        var cached = await validator.ValidateAsync(key, Token);
        var tampered = await validator.ValidateAsync(TamperedKey.Of(key), Token);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var stale = await validator.ValidateAsync(key, Token);

        Assert.NotNull(cached.Principal);
        Assert.Equal(ApiKeyValidator.NotKnown, tampered.Failure);
        Assert.Equal("The API key was revoked", stale.Failure);
    }

    [Fact]
    public async Task A_cached_key_is_refused_the_moment_it_expires()
    {
        var validator = Validator(cacheSeconds: 60);
        var (_, key) = await AddAsync(_clock.Now.AddSeconds(30));
        Assert.NotNull((await validator.ValidateAsync(key, Token)).Principal);

        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal("The API key expired", (await validator.ValidateAsync(key, Token)).Failure);
    }

    [Fact]
    public async Task A_key_used_on_every_request_has_its_last_use_written_at_most_once_a_minute()
    {
        var validator = Validator(cacheSeconds: 0);
        var (id, key) = await AddAsync(_clock.Now.AddDays(1));
        var first = _clock.Now;

        for (var second = 0; second < 120; second++)
        {
            await validator.ValidateAsync(key, Token);
            if (second is 0 or 59)
            {
                await _usage.WriteAsync(Token);
                Assert.Equal(first, (await _store.FindAsync(id, Token))!.Key.LastUsed);
            }

            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        await _usage.WriteAsync(Token);
        Assert.Equal(first.AddSeconds(60), (await _store.FindAsync(id, Token))!.Key.LastUsed);
    }

    private ApiKeyValidator Validator(int cacheSeconds) =>
        new(_store, Options.Create(new ApiKeyOptions { CacheSeconds = cacheSeconds }), _usage, _clock, NullLogger<ApiKeyValidator>.Instance);

    private async Task<(string Id, string Text)> AddAsync(DateTimeOffset expires)
    {
        var (id, text) = ApiKeyFormat.New();
        await _store.AddAsync(new ApiKey(id, "ci", ["jira.read"], [], _clock.Now, expires), ApiKeyFormat.Hash(text), Token);
        return (id, text);
    }

    public async ValueTask InitializeAsync()
    {
        _store = new SqliteApiKeyStore(Path.Combine(_folder, "apikeys.db"));
        await _store.OpenAsync(Token);
        _usage = new ApiKeyUsage(_store, _clock, NullLogger<ApiKeyUsage>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        _usage.Dispose();
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; private set; } = start;

        public void Advance(TimeSpan by) => Now += by;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
