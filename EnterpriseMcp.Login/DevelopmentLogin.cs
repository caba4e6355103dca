using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EnterpriseMcp.Login;

/// <summary>
/// What an MCP client does to get a user's token, done over plain HTTP with a development user's password: register
/// itself (RFC 7591), send the user to the authorization endpoint with PKCE (S256) and a resource indicator, fill in the
/// identity server's login form, and redeem the code. For the <c>token</c> command and for tests; never for a real IdP.
/// </summary>
public static partial class DevelopmentLogin
{
    public const string AllScopes = "jira.read jira.write db.read db.write";

    // Nothing listens there: the redirect carrying the code is read from the Location header, not followed.
    private const string RedirectUri = "http://127.0.0.1:1/callback";

    public static async Task<string> TokenAsync(string issuer, string user, string password, string scope, string resource,
        CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        var metadata = await MetadataAsync(http, issuer, cancellationToken);
        var clientId = await RegisterAsync(http, (string)metadata["registration_endpoint"]!, cancellationToken);

        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"{metadata["authorization_endpoint"]}?response_type=code&client_id={Uri.EscapeDataString(clientId)}" +
            $"&redirect_uri={Uri.EscapeDataString(RedirectUri)}&scope={Uri.EscapeDataString(scope)}&state=login" +
            $"&code_challenge={challenge}&code_challenge_method=S256&resource={Uri.EscapeDataString(resource)}";

        var callback = await SignInAsync(new Uri(authorize), RedirectUri, user, password, cancellationToken);
        var code = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]
            ?? throw new InvalidOperationException($"The login as {user} ended at {callback} without a code.");

        return await RedeemAsync(http, (string)metadata["token_endpoint"]!, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = clientId,
            ["code_verifier"] = verifier,
            ["resource"] = resource,
        }, null, cancellationToken);
    }

    /// <summary>
    /// Signs a user in on the identity server's login page for an authorization request that a client built (PKCE,
    /// resource, state are the client's), and approves the client on the consent page as the user would: the redirect
    /// back to the client, carrying <c>code</c>, <c>state</c> and <c>iss</c>.
    /// </summary>
    public static async Task<Uri> SignInAsync(Uri authorizationUri, string redirectUri, string user, string password,
        CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var (page, url) = await FollowAsync(http, authorizationUri, null, redirectUri, cancellationToken);
        var signedIn = false;
        var approved = false;
        while (!url.ToString().StartsWith(redirectUri, StringComparison.Ordinal))
        {
            Dictionary<string, string> answer;
            if (!signedIn && page.Contains("name=\"password\"", StringComparison.Ordinal))
            {
                signedIn = true;
                answer = new() { ["username"] = user, ["password"] = password };
            }
            else if (!approved && page.Contains("name=\"decision\"", StringComparison.Ordinal))
            {
                approved = true;
                answer = new() { ["decision"] = "approve" };
            }
            else
            {
                throw new InvalidOperationException(LoginError().Match(page) is { Success: true } error
                    ? $"The login as {user} was refused: {WebUtility.HtmlDecode(error.Groups[1].Value)}"
                    : $"The login as {user} ended at {url}, not back at the client.");
            }

            (page, url) = await SubmitAsync(http, page, url, answer, redirectUri, cancellationToken);
        }

        return url;
    }

    /// <summary>A confidential client's own token (client credentials), e.g. <c>reporting-bot</c>'s.</summary>
    public static async Task<string> ClientCredentialsAsync(string issuer, string clientId, string secret, string resource, string? scope = null,
        CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        var metadata = await MetadataAsync(http, issuer, cancellationToken);
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["resource"] = resource };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}"));
        return await RedeemAsync(http, (string)metadata["token_endpoint"]!, form, basic, cancellationToken);
    }

    private static async Task<JsonNode> MetadataAsync(HttpClient http, string issuer, CancellationToken cancellationToken) =>
        JsonNode.Parse(await http.GetStringAsync($"{issuer.TrimEnd('/')}/.well-known/oauth-authorization-server", cancellationToken))!;

    private static async Task<string> RegisterAsync(HttpClient http, string endpoint, CancellationToken cancellationToken)
    {
        using var registration = await http.PostAsJsonAsync(endpoint, new JsonObject
        {
            ["client_name"] = "EnterpriseMcp development login",
            ["redirect_uris"] = new JsonArray(RedirectUri),
            ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
            ["response_types"] = new JsonArray("code"),
            ["token_endpoint_auth_method"] = "none",
        }, cancellationToken);
        var body = JsonNode.Parse(await registration.Content.ReadAsStringAsync(cancellationToken))!;
        return (string?)body["client_id"] ?? throw new InvalidOperationException($"The registration was refused: {body.ToJsonString()}");
    }

    private static async Task<string> RedeemAsync(HttpClient http, string endpoint, Dictionary<string, string> form, string? basic,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        if (basic is not null)
        {
            request.Headers.Authorization = new("Basic", basic);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        return (string?)body["access_token"] ?? throw new InvalidOperationException($"No token: {body.ToJsonString()}");
    }

    /// <summary>Posts the page's form (its action, or the page's own URL) with its hidden inputs and the given fields.</summary>
    private static Task<(string Page, Uri Url)> SubmitAsync(HttpClient http, string page, Uri pageUrl, Dictionary<string, string> answer,
        string redirectUri, CancellationToken cancellationToken)
    {
        var form = FormAction().Match(page);
        var action = new Uri(pageUrl, WebUtility.HtmlDecode(form.Success ? form.Groups[1].Value : pageUrl.ToString()));
        var fields = HiddenInputs().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (var (name, value) in answer)
        {
            fields[name] = value;
        }

        return FollowAsync(http, action, new FormUrlEncodedContent(fields), redirectUri, cancellationToken);
    }

    /// <summary>Follows redirects by hand, to stop at the client's redirect URI: the last page and its URL, or the callback URL.</summary>
    private static async Task<(string Page, Uri Url)> FollowAsync(HttpClient http, Uri url, HttpContent? post, string redirectUri,
        CancellationToken cancellationToken)
    {
        for (var hop = 0; hop < 10; hop++)
        {
            using var request = new HttpRequestMessage(post is null ? HttpMethod.Get : HttpMethod.Post, url) { Content = post };
            post = null;
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.Headers.Location is not { } location)
            {
                return (await response.Content.ReadAsStringAsync(cancellationToken), url);
            }

            url = new Uri(url, location);
            if (url.ToString().StartsWith(redirectUri, StringComparison.Ordinal))
            {
                return ("", url);
            }
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInputs();

    [GeneratedRegex("class=\"error\"[^>]*>([^<]*)<", RegexOptions.IgnoreCase)]
    private static partial Regex LoginError();
}
