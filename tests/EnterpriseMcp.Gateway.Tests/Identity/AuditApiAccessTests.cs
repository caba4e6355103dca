using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.Identity;

/// <summary>Administrators read, export and verify the audit log; nobody else may, and nobody without a token.</summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class AuditApiAccessTests(SecuredPlatform platform)
{
    [Theory]
    [InlineData("/admin/audit/records")]
    [InlineData("/admin/audit/export")]
    [InlineData("/admin/audit/verify")]
    public async Task Alice_an_admin_is_answered_bob_who_is_no_admin_gets_403_and_nobody_without_a_token_gets_in(string path)
    {
        using var asAlice = await GetAsync(path, await platform.LoginAsync("alice"));
        using var asBob = await GetAsync(path, await platform.LoginAsync("bob"));
        using var anonymous = await GetAsync(path, null);

        Assert.Equal(HttpStatusCode.OK, asAlice.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asBob.StatusCode);
        Assert.Contains("Gateway:Policy:AdminRoles", (string?)JsonNode.Parse(await asBob.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["error"]);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(platform.Gateway.BaseAddress, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
