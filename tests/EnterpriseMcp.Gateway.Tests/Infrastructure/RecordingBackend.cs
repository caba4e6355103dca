using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>
/// A small MCP server on our hosting whose tools a test can change while it runs, and which records
/// what reached it: the Authorization headers and the TCP connections its requests came on.
/// </summary>
public sealed class RecordingBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordingBackend(WebApplication app, Uri baseAddress, McpServerPrimitiveCollection<McpServerTool> tools, BackendListens listens)
    {
        _app = app;
        BaseAddress = baseAddress;
        Tools = tools;
        Listens = listens;
    }

    public const string StatusUri = "rec://status";

    public const string NotesUri = "rec://notes";

    /// <summary>The 2026-07-28 <c>subscriptions/listen</c> streams held open here (the gateway's).</summary>
    public BackendListens Listens { get; }

    public Uri BaseAddress { get; }

    public string McpUrl => new Uri(BaseAddress, "/mcp").ToString();

    /// <summary>Adding or removing one tells listening clients (the gateway) that the list changed.</summary>
    public McpServerPrimitiveCollection<McpServerTool> Tools { get; }

    public ConcurrentBag<string> AuthorizationHeaders { get; } = [];

    /// <summary>Tools whose calls it refuses as a resource server does a token without the tool's scope: 403 with an insufficient_scope challenge.</summary>
    public ConcurrentDictionary<string, string> RefusedTools { get; } = new();

    public ConcurrentDictionary<string, int> RequestsByConnection { get; } = new();

    public static async Task<RecordingBackend> StartAsync()
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool>
        {
            McpServerTool.Create((string text) => text, new() { Name = "echo", Description = "Returns its text." }),
        };
        var listens = new BackendListens();
        tools.Changed += (_, _) => _ = listens.ToolsChangedAsync();
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        builder.Services.AddMcpHosting(server =>
        {
            server.ServerInfo = new() { Name = "recording-backend", Version = "1.0.0" };
            server.Capabilities = new() { Tools = new() { ListChanged = true }, Resources = new() { Subscribe = true } };
            server.ToolCollection = tools;
            server.ResourceCollection =
            [
                McpServerResource.Create(() => "all good", new() { UriTemplate = StatusUri, Name = "status", MimeType = "text/plain" }),
                McpServerResource.Create(() => "nothing yet", new() { UriTemplate = NotesUri, Name = "notes", MimeType = "text/plain" }),
            ];
            server.Handlers.SubscriptionsListenHandler = listens.HandleAsync;
        });
        var app = builder.Build();
        RecordingBackend? backend = null;
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
            {
                backend!.AuthorizationHeaders.Add(authorization);
            }

            backend!.RequestsByConnection.AddOrUpdate(context.Connection.Id, 1, (_, count) => count + 1);
            if (!backend.RefusedTools.IsEmpty && await RefusedAsync(context, backend.RefusedTools))
            {
                return;
            }

            await next(context);
        });
        app.MapMcp("/mcp");
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        backend = new RecordingBackend(app, address, tools, listens);
        return backend;
    }

    // The refusal our tool servers give (McpAccessCheck), for a backend that does not declare the scope in its listing.
    private static async Task<bool> RefusedAsync(HttpContext context, ConcurrentDictionary<string, string> refused)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return false;
        }

        context.Request.EnableBuffering();
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        context.Request.Body.Position = 0;
        if ((string?)body?["method"] != "tools/call" || (string?)body["params"]?["name"] is not { } name || !refused.TryGetValue(name, out var scope))
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"";
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = body["id"]?.DeepClone(),
            ["error"] = new JsonObject { ["code"] = -32000, ["message"] = $"Forbidden: the tool '{name}' requires the scope(s) {scope}." },
        }, context.RequestAborted);
        return true;
    }

    /// <summary>Tells the sessions listening here (the gateway's) that a resource changed, and the listens that asked for it.</summary>
    public async Task<int> AnnounceUpdateAsync(string uri)
    {
        await Listens.UpdatedAsync(uri);
        return await _app.Services.GetRequiredService<EnterpriseMcp.Hosting.Sessions.McpSessionNotifier>().NotifyListeningSessionsAsync(
            "notifications/resources/updated", new System.Text.Json.Nodes.JsonObject { ["uri"] = uri });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
