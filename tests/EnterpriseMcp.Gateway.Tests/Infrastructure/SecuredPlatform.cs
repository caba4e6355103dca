using EnterpriseMcp.Login;
using EnterpriseMcp.Tools.Db;
using EnterpriseMcp.Tools.Jira;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>
/// The whole system with identity on, as a company runs it: the development authorization server (real, Node), the Jira
/// and Db tool servers each accepting only tokens the gateway obtained for them, and a gateway that accepts only tokens for itself,
/// applies the default policy and exchanges each user's token for one per backend. Jira records the tokens it receives,
/// and the gateway reaches it on 2025 sessions only (as it would a server that speaks nothing newer); Db on 2026-07-28.
/// </summary>
public class SecuredPlatform : IAsyncLifetime
{
    public const string GatewayClientSecret = "mcp-gateway-dev-secret";

    public IdentityServer Identity { get; private set; } = null!;

    public ToolServerHost Jira { get; private set; } = null!;

    public ToolServerHost Db { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public AuthorizationRecorder JiraSaw { get; } = new();

    public string GatewayResource { get; private set; } = "";

    public string JiraResource { get; private set; } = "";

    public RecordedLogs GatewayLogs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        int gatewayPort = LoopbackPorts.Free(), jiraPort = LoopbackPorts.Free(), dbPort = LoopbackPorts.Free();
        GatewayResource = $"http://127.0.0.1:{gatewayPort}/mcp";
        JiraResource = $"http://127.0.0.1:{jiraPort}/mcp";
        var dbResource = $"http://127.0.0.1:{dbPort}/mcp";
        Identity = await IdentityServer.StartAsync(new Dictionary<string, string> { ["gateway"] = GatewayResource, ["jira"] = JiraResource, ["db"] = dbResource });

        Jira = await ToolServerHost.StartAsync(
            (args, configure) => JiraServerApp.Create(args, builder =>
            {
                configure?.Invoke(builder);
                builder.Services.AddSingleton<IStartupFilter>(JiraSaw);
            }),
            BehindGateway(JiraResource, new() { ["Jira:Embedded:DatabasePath"] = "{folder}/jira.db" }), connect: false, url: $"http://127.0.0.1:{jiraPort}");
        Db = await ToolServerHost.StartAsync(DbServerApp.Create,
            BehindGateway(dbResource, new() { ["Db:EmbeddedDatabasePath"] = "{folder}/sample.db" }), connect: false, url: $"http://127.0.0.1:{dbPort}");

        var settings = Secured(GatewayResource, TestBackends.Settings(("jira", JiraResource), ("db", dbResource)));
        // Jira as a backend that speaks only 2025 revisions (each user gets a session of their own), Db on 2026-07-28.
        settings["Gateway:Backends:jira:ProtocolVersion"] = "2025-11-25";
        settings["Gateway:Identity:ClientId"] = "mcp-gateway";
        settings["Gateway:Identity:ClientSecret"] = GatewayClientSecret;
        foreach (var (key, value) in Policy.Concat(GatewaySettings))
        {
            settings[key] = value;
        }

        Gateway = await GatewayHost.StartAsync(settings, logs: GatewayLogs, url: $"http://127.0.0.1:{gatewayPort}");
    }

    /// <summary>The gateway's policy: <see cref="DefaultPolicy"/> unless a platform for other tests says otherwise.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Policy => DefaultPolicy;

    /// <summary>More settings of the gateway, for a platform that tests something else of it.</summary>
    protected virtual IReadOnlyDictionary<string, string?> GatewaySettings => new Dictionary<string, string?>();

    /// <summary>The policy the gateway ships with (its appsettings.json), as settings.</summary>
    public static readonly Dictionary<string, string?> DefaultPolicy = new()
    {
        ["Gateway:Policy:AdminRoles:0"] = "admin",
        ["Gateway:Policy:Rules:0:Name"] = "jira-read",
        ["Gateway:Policy:Rules:0:Tools:0"] = "jira__get_issue",
        ["Gateway:Policy:Rules:0:Tools:1"] = "jira__search_issues",
        ["Gateway:Policy:Rules:0:Tools:2"] = "jira__list_projects",
        ["Gateway:Policy:Rules:0:Scopes:0"] = "jira.read",
        ["Gateway:Policy:Rules:1:Name"] = "jira-write",
        ["Gateway:Policy:Rules:1:Tools:0"] = "jira__create_issue",
        ["Gateway:Policy:Rules:1:Tools:1"] = "jira__add_comment",
        ["Gateway:Policy:Rules:1:Tools:2"] = "jira__transition_issue",
        ["Gateway:Policy:Rules:1:Scopes:0"] = "jira.write",
        ["Gateway:Policy:Rules:2:Name"] = "db-query",
        ["Gateway:Policy:Rules:2:Tools:0"] = "db__query",
        ["Gateway:Policy:Rules:2:Scopes:0"] = "db.read",
        ["Gateway:Policy:Rules:3:Name"] = "db-write",
        ["Gateway:Policy:Rules:3:Tools:0"] = "db__execute",
        ["Gateway:Policy:Rules:3:Scopes:0"] = "db.write",
        ["Gateway:Policy:Rules:3:Roles:0"] = "admin",
        ["Gateway:Policy:Rules:4:Name"] = "db-browse",
        ["Gateway:Policy:Rules:4:Tools:0"] = "db__*",
        ["Gateway:Policy:Rules:4:Scopes:0"] = "db.read",
        ["Gateway:Policy:Rules:4:Roles:0"] = "admin",
        ["Gateway:Policy:Rules:4:Roles:1"] = "developer",
    };

    /// <summary>A token for <paramref name="user"/> (password <c>{user}-dev-password</c>) for the gateway, by the full browser-less login.</summary>
    public Task<string> LoginAsync(string user, string scope = "jira.read jira.write db.read db.write") =>
        DevelopmentLogin.TokenAsync(Identity.Issuer, user, $"{user}-dev-password", scope, GatewayResource, TestContext.Current.CancellationToken);

    /// <summary>A tool server that takes only the tokens the gateway obtained for it.</summary>
    private Dictionary<string, string?> BehindGateway(string resource, Dictionary<string, string?> settings)
    {
        settings["Mcp:Auth:AcceptedClients:0"] = "mcp-gateway";
        return Secured(resource, settings);
    }

    private Dictionary<string, string?> Secured(string resource, Dictionary<string, string?> settings)
    {
        settings["Mcp:Auth:Authority"] = Identity.Issuer;
        settings["Mcp:Auth:Resource"] = resource;
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Db.DisposeAsync();
        await Jira.DisposeAsync();
        await Identity.DisposeAsync();
    }
}
