using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using ModelContextProtocol.Client;

namespace EnterpriseMcp.Gateway.Tests.Identity;

/// <summary>A backend's view of a call: a token for itself, on behalf of the user, never the token the client sent the gateway.</summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class NoPassthroughTests(SecuredPlatform platform)
{
    [Fact]
    public async Task Jira_receives_a_token_for_itself_with_bob_as_subject_and_the_gateway_as_actor_never_bobs_own()
    {
        var bobs = await platform.LoginAsync("bob");
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = platform.Gateway.Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {bobs}" },
        }), cancellationToken: TestContext.Current.CancellationToken);
        var seenBefore = platform.JiraSaw.BearerTokens.Count;

        var issue = await client.CallToolAsync("jira__get_issue", new Dictionary<string, object?> { ["key"] = "DEMO-1" },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEqual(true, issue.IsError);
        var received = platform.JiraSaw.BearerTokens.Skip(seenBefore).Select(token => new JsonWebToken(token)).ToList();
        var forBob = Assert.Single(received, token => token.Subject == "bob");
        Assert.Equal([platform.JiraResource], forBob.Audiences);
        Assert.Contains("\"sub\":\"mcp-gateway\"", forBob.GetClaim("act").Value);
        Assert.NotEqual(bobs, forBob.EncodedToken);
        Assert.DoesNotContain(bobs, platform.JiraSaw.BearerTokens);
        Assert.All(platform.JiraSaw.BearerTokens, token => Assert.DoesNotContain(platform.GatewayResource, new JsonWebToken(token).Audiences));
    }
}
