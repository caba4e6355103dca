using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace EnterpriseMcp.Tools.Testing;

/// <summary>Checks that a tool server with an authority configured wants a token and publishes the scopes its tools declare.</summary>
public static class ResourceServerProbe
{
    public static async Task AssertWantsTokenAndPublishesScopesAsync(ToolServerFactory create, IDictionary<string, string?> settings, string[] scopes)
    {
        const string resource = "https://tools.example.com/mcp";
        var withAuthority = new Dictionary<string, string?>(settings)
        {
            ["Mcp:Auth:Authority"] = "http://127.0.0.1:1/realms/company",
            ["Mcp:Auth:Resource"] = resource,
        };
        await using var server = await ToolServerHost.StartAsync(create, withAuthority, connect: false);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var cancellation = TestContext.Current.CancellationToken;

        using var unauthorized = await http.PostAsync("/mcp", new StringContent("{}", Encoding.UTF8, "application/json"), cancellation);
        var metadata = JsonNode.Parse(await http.GetStringAsync("/.well-known/oauth-protected-resource/mcp", cancellation))!;

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Contains($"scope=\"{string.Join(' ', scopes)}\"", Assert.Single(unauthorized.Headers.WwwAuthenticate).Parameter);
        Assert.Equal(resource, (string?)metadata["resource"]);
        Assert.Equal(scopes, metadata["scopes_supported"]!.AsArray().Select(scope => (string)scope!));
    }
}
