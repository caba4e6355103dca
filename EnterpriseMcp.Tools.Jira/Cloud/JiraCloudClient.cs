using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EnterpriseMcp.Tools.Jira.Configuration;
using Microsoft.Extensions.Options;
using ModelContextProtocol;

namespace EnterpriseMcp.Tools.Jira.Cloud;

/// <summary>
/// The HTTP side of the Jira Cloud adapter: authentication (basic with an API token, or a bearer token), JSON
/// in and out, Jira's error bodies turned into tool errors, and 429 answered by waiting out <c>Retry-After</c>
/// when it is short. Safe (GET) requests are also retried by the service defaults' resilience pipeline. Answers are read
/// up to <see cref="JiraCloudOptions.MaxResponseBytes"/> only, so one call's memory stays bounded whatever the site sends.
/// </summary>
internal sealed class JiraCloudClient(HttpClient http, IOptions<JiraOptions> options, TimeProvider time)
{
    private const int MaxRateLimitedAttempts = 3;

    public static void Configure(HttpClient http, JiraCloudOptions settings)
    {
        http.BaseAddress = new Uri(settings.BaseUrl!.TrimEnd('/') + "/");
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.Authorization = string.IsNullOrEmpty(settings.BearerToken)
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Email}:{settings.ApiToken}")))
            : new AuthenticationHeaderValue("Bearer", settings.BearerToken);
    }

    public async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = RetryAfter(response);
                if (attempt >= MaxRateLimitedAttempts || wait > options.Value.Cloud.MaxRetryAfter)
                {
                    throw new McpException($"Jira is rate-limiting these calls; try again in {Math.Ceiling(wait.TotalSeconds)} s.");
                }

                await Task.Delay(wait, time, cancellationToken);
                continue;
            }

            var text = await ReadAsync(response.Content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw JiraError(response.StatusCode, text);
            }

            return string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
        }
    }

    private async Task<string> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var max = options.Value.Cloud.MaxResponseBytes;
        if (content.Headers.ContentLength > max)
        {
            throw TooLarge(max);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw TooLarge(max);
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static McpException TooLarge(int max) =>
        new($"Jira's answer is larger than {max} bytes, more than this server reads ({JiraOptions.SectionName}:Cloud:{nameof(JiraCloudOptions.MaxResponseBytes)}).");

    private static TimeSpan RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => TimeSpan.FromSeconds(5),
    };

    /// <summary>Jira's own words (<c>errorMessages</c>, and <c>errors</c> by field), which say what to fix.</summary>
    private static McpException JiraError(HttpStatusCode status, string body)
    {
        var messages = new List<string>();
        try
        {
            if (JsonNode.Parse(body) is JsonObject error)
            {
                messages.AddRange((error["errorMessages"]?.AsArray() ?? []).Select(m => (string?)m).OfType<string>());
                messages.AddRange((error["errors"]?.AsObject() ?? []).Select(e => $"{e.Key}: {(string?)e.Value}"));
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not Jira's JSON (a proxy's page, say): the status alone is reported.
        }

        var what = status switch
        {
            HttpStatusCode.Unauthorized => "Jira rejected the configured credentials",
            HttpStatusCode.Forbidden => "Jira refused this for the configured account",
            HttpStatusCode.NotFound => "Jira found nothing there",
            _ => $"Jira answered {(int)status}",
        };
        return new McpException(messages.Count == 0 ? $"{what}." : $"{what}: {string.Join("; ", messages)}");
    }
}
