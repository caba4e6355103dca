using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Tests.ChangeNotifications;

/// <summary>Clients holding a GET stream hear when what the gateway offers changes.</summary>
public sealed class ListChangedTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("auto")]
    [InlineData("2026-07-28")]
    public async Task A_tool_a_backend_adds_is_listed_and_announced(string backendProtocol)
    {
        // A 2025 session with the backend hears its announcement; a 2026 backend is listed again every interval.
        await using var backend = await RecordingBackend.StartAsync();
        var settings = TestBackends.Settings(("rec", backend.McpUrl));
        settings["Gateway:Backends:rec:ProtocolVersion"] = backendProtocol;
        settings["Gateway:CatalogRefreshInterval"] = "00:00:00.300";
        await using var gateway = await GatewayHost.StartAsync(settings);
        var client = await gateway.ConnectAsync("2025-11-25");
        var announced = await CountListChangesAsync(client);

        backend.Tools.Add(McpServerTool.Create(() => "new", new() { Name = "added_later", Description = "Added while running." }));

        Assert.True(await Eventually.TrueAsync(() => announced.Count > 0), "no notifications/tools/list_changed");
        Assert.Contains("rec__added_later", (await client.ListToolsAsync(cancellationToken: Token)).Select(tool => tool.Name));
    }

    [Fact]
    public async Task Nothing_is_announced_when_a_refresh_finds_the_same_tools()
    {
        await using var backend = await RecordingBackend.StartAsync();
        var settings = TestBackends.Settings(("rec", backend.McpUrl));
        settings["Gateway:CatalogRefreshInterval"] = "00:00:00.100";
        await using var gateway = await GatewayHost.StartAsync(settings);
        var client = await gateway.ConnectAsync("2025-11-25");
        var announced = await CountListChangesAsync(client);

        await Task.Delay(1000, Token);

        Assert.Equal(0, announced.Count);
    }

    internal static async Task<ListChanges> CountListChangesAsync(McpClient client)
    {
        var changes = new ListChanges();
        changes.Registration = client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            Interlocked.Increment(ref changes.Seen);
            return ValueTask.CompletedTask;
        });
        // The client opens its GET stream on its own after initialize; give it a moment to be attached.
        await client.PingAsync(cancellationToken: Token);
        await Task.Delay(200, Token);
        return changes;
    }

    internal sealed class ListChanges
    {
        public int Seen;

        public IAsyncDisposable? Registration { get; set; }

        public int Count => Volatile.Read(ref Seen);
    }
}
