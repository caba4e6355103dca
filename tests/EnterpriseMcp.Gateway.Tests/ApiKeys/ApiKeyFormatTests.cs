using EnterpriseMcp.Gateway.ApiKeys;

namespace EnterpriseMcp.Gateway.Tests.ApiKeys;

/// <summary>The text of a key: recognisable, parsed back to its id, matched only by itself.</summary>
public sealed class ApiKeyFormatTests
{
    [Fact]
    public void New_keys_parse_back_to_their_id_and_match_only_their_own_hash()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => ApiKeyFormat.New()).ToList();

        foreach (var (id, text) in keys)
        {
            Assert.StartsWith($"{ApiKeyFormat.Prefix}{id}_", text);
            Assert.True(ApiKeyFormat.TryParse(text, out var parsed), text);
            Assert.Equal(id, parsed);
            Assert.True(ApiKeyFormat.Matches(text, ApiKeyFormat.Hash(text)));
        }

        Assert.Equal(keys.Count, keys.Select(key => key.Id).Distinct().Count());
        Assert.False(ApiKeyFormat.Matches(keys[0].Text, ApiKeyFormat.Hash(keys[1].Text)));
    }

    [Theory]
    [InlineData("emk_")]
    [InlineData("emk_abcdefghijkl")]
    [InlineData("emk_ABCDEFGHIJKL_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("emk_abcdefghijkl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("emk_abcdefghijkl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.sig")]
    public void Text_that_is_not_a_key_of_this_format_does_not_parse(string text)
    {
        Assert.False(ApiKeyFormat.TryParse(text, out _));
    }

    [Fact]
    public void A_JWT_is_not_taken_for_a_key()
    {
        Assert.False(ApiKeyFormat.IsPresented("eyJhbGciOiJSUzI1NiJ9.e30.sig"));
        Assert.True(ApiKeyFormat.IsPresented("emk_anything"));
    }

    [Fact]
    public void A_tampered_key_stays_well_formed_whatever_its_last_character_so_tests_refuse_it_for_its_secret()
    {
        // 'A' ends a valid secret; the tests' tampering once turned it into 'B', which no 32-byte secret ends with.
        var (id, text) = ApiKeyFormat.New();
        var key = text[..^1] + 'A';
        Assert.True(ApiKeyFormat.TryParse(key, out _));

        var tampered = TamperedKey.Of(key);

        Assert.True(ApiKeyFormat.TryParse(tampered, out var tamperedId));
        Assert.Equal(id, tamperedId);
        Assert.False(ApiKeyFormat.Matches(tampered, ApiKeyFormat.Hash(key)));
    }
}
