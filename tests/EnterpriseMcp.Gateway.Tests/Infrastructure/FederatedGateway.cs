namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>
/// Three real backends behind one gateway, shared by the tests of a class: Jira and Db under their
/// names, and the conformance fixture under <c>fx</c> (it has prompts, resources, progress and questions).
/// </summary>
public sealed class FederatedGateway : IAsyncLifetime
{
    public ToolServerHost Jira { get; private set; } = null!;

    public ToolServerHost Db { get; private set; } = null!;

    public ToolServerHost Fixture { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Jira = await TestBackends.StartJiraAsync();
        Db = await TestBackends.StartDbAsync();
        Fixture = await TestBackends.StartFixtureAsync();
        var settings = TestBackends.Settings(("jira", Jira.McpUrl()), ("db", Db.McpUrl()), ("fixture", Fixture.McpUrl()));
        settings["Gateway:Backends:fixture:Prefix"] = "fx";
        settings["Gateway:ListPageSize"] = "7";
        Gateway = await GatewayHost.StartAsync(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Fixture.DisposeAsync();
        await Db.DisposeAsync();
        await Jira.DisposeAsync();
    }
}
