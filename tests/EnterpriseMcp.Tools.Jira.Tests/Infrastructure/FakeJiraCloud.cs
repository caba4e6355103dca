using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnterpriseMcp.Tools.Jira.Tests.Infrastructure;

/// <summary>
/// A local stand-in for a Jira Cloud site answering with the JSON shapes of Atlassian's REST API v3 documentation
/// (issue, search/jql with nextPageToken, create, comment, transitions, project/search, error bodies, 429). Like
/// Jira, it refuses requests without the expected Authorization header and bodies that are not ADF where ADF is due.
/// </summary>
public sealed class FakeJiraCloud : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeJiraCloud(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string ExpectedAuthorization { get; set; } = "";

    /// <summary>How many 429s to answer before serving, and the Retry-After they carry.</summary>
    public int RateLimitNext { get; set; }

    public int RetryAfterSeconds { get; set; } = 1;

    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentDictionary<string, JsonObject> Issues { get; } = new();

    public static async Task<FakeJiraCloud> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeJiraCloud? fake = null;
        app.Use(async (context, next) =>
        {
            fake!.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            if (context.Request.Headers.Authorization.ToString() != fake.ExpectedAuthorization)
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(Errors("Client must be authenticated to access this resource."));
                return;
            }

            if (fake.RateLimitNext > 0)
            {
                fake.RateLimitNext--;
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = fake.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return;
            }

            await next(context);
        });
        FakeJiraRoutes.Map(app, () => fake!);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeJiraCloud(app, new Uri(address));
        fake.Seed();
        return fake;
    }

    public static JsonObject Errors(string message, JsonObject? fields = null) =>
        new() { ["errorMessages"] = message.Length == 0 ? new JsonArray() : new JsonArray(message), ["errors"] = fields ?? [] };

    public static JsonObject Paragraph(string text) => JsonNode.Parse(
        $$"""{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":{{System.Text.Json.JsonSerializer.Serialize(text)}}}]}]}""")!.AsObject();

    private void Seed()
    {
        for (var i = 1; i <= 7; i++)
        {
            Issues[$"ACME-{i}"] = FakeJiraRoutes.NewIssue($"ACME-{i}", $"Issue number {i}", i == 1 ? Paragraph("Steps to reproduce") : null, i % 2 == 0 ? "Done" : "To Do");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
