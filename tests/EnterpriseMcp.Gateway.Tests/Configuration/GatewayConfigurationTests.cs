using EnterpriseMcp.Gateway.Configuration;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Tests.Configuration;

public sealed class GatewayConfigurationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_problem_is_reported_at_once_naming_its_key()
    {
        var options = new GatewayOptions { ListPageSize = 0 };
        options.Backends["jira"] = new BackendOptions { Url = "ftp://nowhere", Timeout = TimeSpan.Zero };
        options.Backends["db"] = new BackendOptions { FailureThreshold = 0, ProtocolVersion = "2024-01-01" };
        options.Backends["other"] = new BackendOptions { Url = "http://127.0.0.1:1/mcp", Prefix = "jira" };
        options.Backends["bad name"] = new BackendOptions { Url = "http://127.0.0.1:1/mcp" };

        var result = new GatewayOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        foreach (var key in new[] { "Gateway:ListPageSize", "Gateway:Backends:jira:Url", "Gateway:Backends:jira:Timeout",
                     "Gateway:Backends:db:Url", "Gateway:Backends:db:FailureThreshold", "Gateway:Backends:db:ProtocolVersion",
                     "Gateway:Backends:other:Prefix", "Gateway:Backends:bad name" })
        {
            Assert.Contains(failures, failure => failure.StartsWith(key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_gateway_refuses_to_start_with_an_invalid_backend()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Backends:jira:Prefix"] = "j" }));
        Assert.Contains("Gateway:Backends:jira:Url is required", error.Message);
    }

    [Fact]
    public async Task A_backend_without_Url_is_reached_at_its_service_discovery_address()
    {
        await using var backend = await RecordingBackend.StartAsync();
        var baseUrl = backend.McpUrl[..^ServiceEndpoints.McpPath.Length];
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Backends:one:Prefix"] = "one",
            ["services:one:http:0"] = baseUrl + "/",
        });
        var client = await gateway.ConnectAsync("2025-11-25");

        Assert.Equal(["one__echo"], await Names(client));
    }

    [Fact]
    public async Task A_backend_added_on_disk_is_served_without_a_restart_and_a_broken_change_is_ignored()
    {
        await using var first = await RecordingBackend.StartAsync();
        await using var second = await RecordingBackend.StartAsync();
        var file = Path.Combine(Directory.CreateTempSubdirectory("gateway-config-").FullName, "gateway.json");
        await File.WriteAllTextAsync(file, Json(("one", first.McpUrl)), Token);
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>(), file);
        var client = await gateway.ConnectAsync("2025-11-25");
        var announced = await ChangeNotifications.ListChangedTests.CountListChangesAsync(client);
        Assert.Equal(["one__echo"], (await client.ListToolsAsync(cancellationToken: Token)).Select(tool => tool.Name));

        await File.WriteAllTextAsync(file, Json(("one", first.McpUrl), ("two", second.McpUrl)), Token);
        Assert.True(await Eventually.TrueAsync(async () => (await Names(client)).Contains("two__echo"), seconds: 20), "the added backend was never listed");
        Assert.Equal("hi", (await client.CallToolAsync("two__echo", new Dictionary<string, object?> { ["text"] = "hi" }, cancellationToken: Token)).Text());
        Assert.True(announced.Count > 0, "no tools/list_changed for the added backend");

        await File.WriteAllTextAsync(file, """{ "Gateway": { "Backends": { "one": { "Prefix": "x" } } } }""", Token);
        await Task.Delay(1500, Token);
        Assert.Equal(["one__echo", "two__echo"], (await Names(client)).Order());
    }

    private static async Task<string[]> Names(ModelContextProtocol.Client.McpClient client) =>
        (await client.ListToolsAsync(cancellationToken: Token)).Select(tool => tool.Name).ToArray();

    private static string Json(params (string Name, string Url)[] backends) =>
        $$"""{ "Gateway": { "Backends": { {{string.Join(", ", backends.Select(b => $$""" "{{b.Name}}": { "Url": "{{b.Url}}" } """))}} } } }""";
}
