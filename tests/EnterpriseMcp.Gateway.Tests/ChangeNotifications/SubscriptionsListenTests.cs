using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Subscriptions;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Tests.ChangeNotifications;

/// <summary>
/// A 2026-07-28 client's subscriptions/listen on the gateway: acknowledged, then the merged lists' changes and the updates of
/// the URIs it asked for, whichever generation the backend speaks; ended by closing it, or by the gateway when it stops.
/// </summary>
public sealed class SubscriptionsListenTests
{
    private const string Listen = "subscriptions/listen";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task A_listener_hears_that_the_tools_changed_when_a_backend_adds_one(string backendProtocol)
    {
        await using var backend = await RecordingBackend.StartAsync();
        await using var gateway = await StartGatewayAsync(backend, backendProtocol);
        await GatewayHearsAsync(backend, backendProtocol);
        await using var listen = await ListenStream.OpenAsync(gateway.Endpoint, new JsonObject { ["toolsListChanged"] = true });
        AssertAcknowledged(await listen.NextAsync(), new JsonObject { ["toolsListChanged"] = true });

        backend.Tools.Add(McpServerTool.Create(() => "new", new() { Name = "added_later", Description = "Added while running." }));

        var heard = await listen.NextAsync();
        Assert.NotNull(heard);
        Assert.Equal("notifications/tools/list_changed", heard["method"]?.GetValue<string>());
        Assert.Equal(1, heard["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"]?.GetValue<int>());
    }

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task A_listener_hears_updates_of_the_uri_it_asked_for_and_of_no_other(string backendProtocol)
    {
        await using var backend = await RecordingBackend.StartAsync();
        await using var gateway = await StartGatewayAsync(backend, backendProtocol);
        await GatewayHearsAsync(backend, backendProtocol);
        await using var statusListen = await ListenStream.OpenAsync(gateway.Endpoint, Uris(RecordingBackend.StatusUri));
        await using var notesListen = await ListenStream.OpenAsync(gateway.Endpoint, Uris(RecordingBackend.NotesUri));
        AssertAcknowledged(await statusListen.NextAsync(), Uris(RecordingBackend.StatusUri));
        AssertAcknowledged(await notesListen.NextAsync(), Uris(RecordingBackend.NotesUri));
        await BackendAskedForAsync(backend, backendProtocol, RecordingBackend.StatusUri, RecordingBackend.NotesUri);

        await backend.AnnounceUpdateAsync(RecordingBackend.NotesUri);
        await backend.AnnounceUpdateAsync(RecordingBackend.StatusUri);

        Assert.Equal(RecordingBackend.StatusUri, UpdatedUri(await statusListen.NextAsync()));
        Assert.Equal(RecordingBackend.NotesUri, UpdatedUri(await notesListen.NextAsync()));
        Assert.Null(await statusListen.NextAsync(500));
        Assert.Null(await notesListen.NextAsync(10));
    }

    [Fact]
    public async Task A_uri_no_backend_serves_is_left_out_of_the_acknowledgement()
    {
        await using var backend = await RecordingBackend.StartAsync();
        await using var gateway = await StartGatewayAsync(backend, "auto");
        await GatewayHearsAsync(backend, "auto");

        await using var listen = await ListenStream.OpenAsync(gateway.Endpoint, Uris(RecordingBackend.StatusUri, "other://thing"));

        AssertAcknowledged(await listen.NextAsync(), Uris(RecordingBackend.StatusUri));
    }

    [Fact]
    public async Task Closing_the_stream_ends_the_listen_and_the_backend_is_no_longer_asked_for_its_uri()
    {
        await using var backend = await RecordingBackend.StartAsync();
        await using var gateway = await StartGatewayAsync(backend, "2026-07-28");
        await GatewayHearsAsync(backend, "2026-07-28");
        var listeners = gateway.Services.GetRequiredService<ClientListeners>();
        var listen = await ListenStream.OpenAsync(gateway.Endpoint, Uris(RecordingBackend.StatusUri));
        AssertAcknowledged(await listen.NextAsync(), Uris(RecordingBackend.StatusUri));
        await BackendAskedForAsync(backend, "2026-07-28", RecordingBackend.StatusUri);
        Assert.Equal(1, listeners.Count);

        await listen.DisposeAsync();

        Assert.True(await Eventually.TrueAsync(() => listeners.Count == 0), "the gateway still holds the listen");
        Assert.True(await Eventually.TrueAsync(() => !backend.Listens.Open.Any(filter => filter["resourceSubscriptions"] is not null)),
            "the backend is still asked for the URI");
    }

    [Fact]
    public async Task A_gateway_that_stops_answers_the_listen_naming_the_subscription()
    {
        await using var backend = await RecordingBackend.StartAsync();
        var gateway = await StartGatewayAsync(backend, "auto");
        await using var listen = await ListenStream.OpenAsync(gateway.Endpoint, new JsonObject { ["toolsListChanged"] = true });
        AssertAcknowledged(await listen.NextAsync(), new JsonObject { ["toolsListChanged"] = true });

        var stopping = gateway.DisposeAsync().AsTask();
        var answer = await listen.NextAsync();
        await stopping;

        Assert.NotNull(answer);
        Assert.Equal(1, answer["id"]?.GetValue<int>());
        Assert.Equal("complete", answer["result"]?["resultType"]?.GetValue<string>());
        Assert.Equal(1, answer["result"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"]?.GetValue<int>());
    }

    [Fact]
    public async Task A_user_beyond_the_limit_of_open_listens_is_refused()
    {
        await using var backend = await RecordingBackend.StartAsync();
        var settings = TestBackends.Settings(("rec", backend.McpUrl));
        settings["Mcp:Http:MaxSessionsPerUser"] = "1";
        await using var gateway = await GatewayHost.StartAsync(settings);
        await using var first = await ListenStream.OpenAsync(gateway.Endpoint, new JsonObject { ["toolsListChanged"] = true });
        AssertAcknowledged(await first.NextAsync(), new JsonObject { ["toolsListChanged"] = true });

        await using var second = await ListenStream.OpenAsync(gateway.Endpoint, new JsonObject { ["toolsListChanged"] = true });
        var refused = await second.NextAsync();

        Assert.NotNull(refused);
        Assert.Contains("Mcp:Http:MaxSessionsPerUser", refused["error"]?["message"]?.GetValue<string>());
        Assert.Equal(1, gateway.Services.GetRequiredService<ClientListeners>().Count);
    }

    [Fact]
    public async Task Discover_advertises_the_list_changes_and_subscriptions_a_listen_delivers()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>());
        using var http = new HttpClient();

        using var response = await http.SendAsync(RawMcp.Request(gateway.Endpoint, "server/discover", null, null), Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        var capabilities = JsonNode.Parse(body[(body.IndexOf("data:", StringComparison.Ordinal) + 5)..].Trim())!["result"]!["capabilities"]!;

        Assert.True(capabilities["tools"]?["listChanged"]?.GetValue<bool>());
        Assert.True(capabilities["prompts"]?["listChanged"]?.GetValue<bool>());
        Assert.True(capabilities["resources"]?["listChanged"]?.GetValue<bool>());
        Assert.True(capabilities["resources"]?["subscribe"]?.GetValue<bool>());
    }

    private static Task<GatewayHost> StartGatewayAsync(RecordingBackend backend, string backendProtocol)
    {
        var settings = TestBackends.Settings(("rec", backend.McpUrl));
        settings["Gateway:Backends:rec:ProtocolVersion"] = backendProtocol;
        // Listed again only after the test: what reaches a listener was announced.
        settings["Gateway:CatalogRefreshInterval"] = "01:00:00";
        return GatewayHost.StartAsync(settings);
    }

    /// <summary>The gateway has listed the backend and holds what carries its announcements: its listen there, or its session's GET stream.</summary>
    private static async Task GatewayHearsAsync(RecordingBackend backend, string backendProtocol)
    {
        if (backendProtocol == "2026-07-28")
        {
            Assert.True(await Eventually.TrueAsync(() => backend.Listens.Open.Count > 0), "the gateway never listened at the backend");
        }
        else
        {
            await Task.Delay(500, Token);
        }
    }

    private static async Task BackendAskedForAsync(RecordingBackend backend, string backendProtocol, params string[] uris)
    {
        if (backendProtocol == "2026-07-28")
        {
            Assert.True(await Eventually.TrueAsync(() => backend.Listens.Open.Any(filter =>
                uris.All(uri => filter["resourceSubscriptions"] is JsonArray asked && asked.Any(item => item?.GetValue<string>() == uri)))),
                "the gateway never asked the backend for the URIs");
            // The listen it replaced is closed once the new one is acknowledged.
            Assert.True(await Eventually.TrueAsync(() => backend.Listens.Open.Count == 1), "two listens stay open at the backend");
        }
        else
        {
            await Task.Delay(300, Token);
        }
    }

    private static JsonObject Uris(params string[] uris) =>
        new() { ["resourceSubscriptions"] = new JsonArray([.. uris.Select(uri => (JsonNode?)JsonValue.Create(uri))]) };

    private static void AssertAcknowledged(JsonObject? message, JsonObject granted)
    {
        Assert.NotNull(message);
        Assert.Equal("notifications/subscriptions/acknowledged", message["method"]?.GetValue<string>());
        Assert.Equal(1, message["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"]?.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(granted, message["params"]?["notifications"]), message.ToJsonString());
    }

    private static string? UpdatedUri(JsonObject? message)
    {
        Assert.NotNull(message);
        Assert.Equal("notifications/resources/updated", message["method"]?.GetValue<string>());
        Assert.Equal(1, message["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"]?.GetValue<int>());
        return message["params"]?["uri"]?.GetValue<string>();
    }
}
