using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.Tokens;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>
/// What an MCP client does to get a user's token, done over plain HTTP: register itself (RFC 7591), send the user to the
/// authorization endpoint with PKCE (S256) and a resource indicator, fill in the login page's form, and redeem the code.
/// </summary>
public static partial class OAuthLogin
{
    private const string RedirectUri = "http://127.0.0.1:1/callback";

    public static async Task<string> TokenAsync(string issuer, string user, string password, string scope, string resource)
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var metadata = JsonNode.Parse(await http.GetStringAsync($"{issuer}/.well-known/oauth-authorization-server", cancellation))!;

        using var registration = await http.PostAsJsonAsync((string)metadata["registration_endpoint"]!, new JsonObject
        {
            ["client_name"] = "gateway tests",
            ["redirect_uris"] = new JsonArray(RedirectUri),
            ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
            ["response_types"] = new JsonArray("code"),
            ["token_endpoint_auth_method"] = "none",
        }, cancellation);
        var clientId = (string)JsonNode.Parse(await registration.Content.ReadAsStringAsync(cancellation))!["client_id"]!;

        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"{metadata["authorization_endpoint"]}?response_type=code&client_id={Uri.EscapeDataString(clientId)}" +
            $"&redirect_uri={Uri.EscapeDataString(RedirectUri)}&scope={Uri.EscapeDataString(scope)}&state=s1" +
            $"&code_challenge={challenge}&code_challenge_method=S256&resource={Uri.EscapeDataString(resource)}";

        var (page, pageUrl) = await FollowAsync(http, new Uri(authorize), null);
        var form = FormAction().Match(page);
        var action = new Uri(pageUrl, WebUtility.HtmlDecode(form.Success ? form.Groups[1].Value : pageUrl.ToString()));
        var fields = HiddenInputs().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["username"] = user;
        fields["password"] = password;
        var (_, callback) = await FollowAsync(http, action, new FormUrlEncodedContent(fields));
        var code = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]
            ?? throw new InvalidOperationException($"No code in the redirect to {callback}");

        using var token = await http.PostAsync((string)metadata["token_endpoint"]!, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = clientId,
            ["code_verifier"] = verifier,
            ["resource"] = resource,
        }), cancellation);
        var body = JsonNode.Parse(await token.Content.ReadAsStringAsync(cancellation))!;
        return (string?)body["access_token"] ?? throw new InvalidOperationException($"No token: {body.ToJsonString()}");
    }

    public static async Task<string> ClientCredentialsAsync(string issuer, string clientId, string secret, string resource, string? scope = null)
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var http = new HttpClient();
        var metadata = JsonNode.Parse(await http.GetStringAsync($"{issuer}/.well-known/oauth-authorization-server", cancellation))!;
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["resource"] = resource };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, (string)metadata["token_endpoint"]!) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        using var token = await http.SendAsync(request, cancellation);
        var body = JsonNode.Parse(await token.Content.ReadAsStringAsync(cancellation))!;
        return (string?)body["access_token"] ?? throw new InvalidOperationException($"No token: {body.ToJsonString()}");
    }

    /// <summary>Follows redirects by hand (to stop at the client's redirect URI): the last page and its URL, or the callback URL.</summary>
    private static async Task<(string Page, Uri Url)> FollowAsync(HttpClient http, Uri url, HttpContent? post)
    {
        for (var hop = 0; hop < 10; hop++)
        {
            using var request = new HttpRequestMessage(post is null ? HttpMethod.Get : HttpMethod.Post, url) { Content = post };
            post = null;
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            if (response.Headers.Location is not { } location)
            {
                return (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), url);
            }

            url = new Uri(url, location);
            if (url.ToString().StartsWith(RedirectUri, StringComparison.Ordinal))
            {
                return ("", url);
            }
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInputs();
}
