using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using EnterpriseMcp.Login;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.AppHost.Tests.Infrastructure;

/// <summary>Clients of the running system's gateway: the C# SDK's, logging in by itself or with a token, and requests written by hand.</summary>
public static class McpClients
{
    private const string RedirectUri = "http://127.0.0.1:1/callback";

    /// <summary>
    /// The SDK client with its own OAuth support and nothing but the gateway's URL: it discovers the identity server,
    /// registers, and runs authorization code + PKCE with <c>resource</c>; the user signs in on the login page.
    /// </summary>
    public static Task<McpClient> LoggingInAsync(AspireSystem system, string user) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(system.GatewayUrl),
            TransportMode = HttpTransportMode.StreamableHttp,
            OAuth = new ClientOAuthOptions
            {
                RedirectUri = new Uri(RedirectUri),
                DynamicClientRegistration = new() { ClientName = "apphost tests" },
                AuthorizationCallbackHandler = async (context, cancellationToken) =>
                {
                    var callback = await DevelopmentLogin.SignInAsync(context.AuthorizationUri, RedirectUri, user, system.Users.Password(user), cancellationToken);
                    var query = HttpUtility.ParseQueryString(callback.Query);
                    return new AuthorizationResult { Code = query["code"], State = query["state"], Iss = query["iss"] };
                },
            },
        }), cancellationToken: TestContext.Current.CancellationToken);

    public static Task<McpClient> WithTokenAsync(AspireSystem system, string token) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(system.GatewayUrl),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }), cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>A 2026-07-28 tools/call written by hand, for a test that reads the HTTP answer itself (status, challenge).</summary>
    public static HttpRequestMessage RawCall(string gatewayUrl, string tool, JsonObject arguments, string token)
    {
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 1,
            ["method"] = "tools/call",
            ["params"] = new JsonObject
            {
                ["name"] = tool,
                ["arguments"] = arguments,
                ["_meta"] = new JsonObject
                {
                    [MetaKeys.ProtocolVersion] = "2026-07-28",
                    [MetaKeys.ClientInfo] = new JsonObject { ["name"] = "raw", ["version"] = "1.0.0" },
                    [MetaKeys.ClientCapabilities] = new JsonObject(),
                },
            },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, gatewayUrl) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", "2026-07-28");
        request.Headers.Add("Mcp-Method", "tools/call");
        request.Headers.Add("Mcp-Name", tool);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
