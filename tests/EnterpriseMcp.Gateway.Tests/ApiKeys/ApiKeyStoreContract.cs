using EnterpriseMcp.Gateway.ApiKeys;

namespace EnterpriseMcp.Gateway.Tests.ApiKeys;

/// <summary>What every API key store does, proved on each real database.</summary>
public abstract class ApiKeyStoreContract
{
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 30, 15, 123, TimeSpan.Zero);

    protected abstract Task<IApiKeyStore> OpenAsync();

    [Fact]
    public async Task A_key_comes_back_as_stored_with_its_hash_and_is_listed_without_it()
    {
        await using var store = await OpenAsync();
        var (id, text) = ApiKeyFormat.New();
        var key = new ApiKey(id, "ci-nightly", ["jira.read", "db.read"], ["developer"], Created, Created.AddDays(90));

        await store.AddAsync(key, ApiKeyFormat.Hash(text), Token);
        var found = await store.FindAsync(id, Token);
        var listed = await store.ListAsync(Token);

        Assert.NotNull(found);
        Assert.Equal((key.Id, key.Name, key.Created, key.Expires, key.Revoked, key.LastUsed),
            (found.Key.Id, found.Key.Name, found.Key.Created, found.Key.Expires, found.Key.Revoked, found.Key.LastUsed));
        Assert.Equal(key.Scopes, found.Key.Scopes);
        Assert.Equal(key.Roles, found.Key.Roles);
        Assert.True(ApiKeyFormat.Matches(text, found.Hash));
        Assert.Equal(id, Assert.Single(listed).Id);
        Assert.Null(await store.FindAsync("aaaaaaaaaaaa", Token));
    }

    [Fact]
    public async Task A_key_is_revoked_once_and_its_last_use_only_moves_forward()
    {
        await using var store = await OpenAsync();
        var (id, text) = ApiKeyFormat.New();
        await store.AddAsync(new ApiKey(id, "ci", [], [], Created, Created.AddDays(1)), ApiKeyFormat.Hash(text), Token);

        await store.RecordUseAsync([new(id, Created.AddMinutes(5))], Token);
        await store.RecordUseAsync([new(id, Created.AddMinutes(2)), new("unknown", Created)], Token);
        var first = await store.RevokeAsync(id, Created.AddHours(1), Token);
        var second = await store.RevokeAsync(id, Created.AddHours(2), Token);
        var found = (await store.FindAsync(id, Token))!.Key;

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(Created.AddHours(1), found.Revoked);
        Assert.Equal(Created.AddMinutes(5), found.LastUsed);
    }

    [Fact]
    public async Task Opening_again_keeps_the_keys()
    {
        var (id, text) = ApiKeyFormat.New();
        await using (var store = await OpenAsync())
        {
            await store.AddAsync(new ApiKey(id, "ci", [], [], Created, Created.AddDays(1)), ApiKeyFormat.Hash(text), Token);
        }

        await using var reopened = await ReopenAsync();
        Assert.NotNull(await reopened.FindAsync(id, Token));
    }

    /// <summary>The store of the last <see cref="OpenAsync"/>, opened anew.</summary>
    protected abstract Task<IApiKeyStore> ReopenAsync();
}
