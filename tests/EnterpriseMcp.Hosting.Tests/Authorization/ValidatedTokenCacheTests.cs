using System.Security.Claims;
using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Authorization;

public sealed class ValidatedTokenCacheTests
{
    private readonly ManualClock _clock = new();
    private readonly ClaimsPrincipal _alice = new(new ClaimsIdentity([new Claim("sub", "alice")], "Bearer"));

    [Fact]
    public void A_validated_token_is_honoured_until_it_expires_and_not_after()
    {
        var cache = new ValidatedTokenCache(_clock);
        cache.Add("token-a", _alice, _clock.GetUtcNow().AddMinutes(2));

        _clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Same(_alice, cache.Find("token-a"));

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(cache.Find("token-a"));
    }

    [Fact]
    public void A_long_lived_token_is_validated_again_after_the_cache_age()
    {
        var cache = new ValidatedTokenCache(_clock);
        cache.Add("token-b", _alice, _clock.GetUtcNow().AddHours(8));

        _clock.Advance(ValidatedTokenCache.MaxAge + TimeSpan.FromSeconds(1));

        Assert.Null(cache.Find("token-b"));
    }

    [Fact]
    public void Only_the_exact_token_matches()
    {
        var cache = new ValidatedTokenCache(_clock);
        cache.Add("token-c", _alice, _clock.GetUtcNow().AddHours(1));

        Assert.Null(cache.Find("token-c "));
        Assert.Null(cache.Find("TOKEN-C"));
    }
}
