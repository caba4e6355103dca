using EnterpriseMcp.Conformance.Server.Fixture;
using EnterpriseMcp.Conformance.Server.Fixture.Completions;
using EnterpriseMcp.Conformance.Server.Fixture.Prompts;
using EnterpriseMcp.Conformance.Server.Fixture.Resources;
using EnterpriseMcp.Conformance.Server.Fixture.Tools;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server;

/// <summary>
/// The tools, resources, prompts and completions the MCP conformance suite's server scenarios call,
/// plus the probes our own tests use.
/// </summary>
public static class ConformanceFixture
{
    public const string ServerName = "enterprise-mcp-conformance";

    public static void Configure(McpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        options.ServerInfo = new Implementation
        {
            Name = ServerName,
            Version = typeof(ConformanceFixture).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
        };

        var capabilities = options.Capabilities ??= new ServerCapabilities();
        capabilities.Tools ??= new ToolsCapability();
        capabilities.Prompts ??= new PromptsCapability();
        capabilities.Resources ??= new ResourcesCapability();
        capabilities.Resources.Subscribe = true;
        capabilities.Completions ??= new CompletionsCapability();
        capabilities.Logging ??= new LoggingCapability();

        AddAll(options.ToolCollection ??= [], FixtureTools.Create());
        AddAll(options.ResourceCollection ??= [], FixtureResources.Create());
        AddAll(options.PromptCollection ??= [], FixturePrompts.Create());

        ResourceSubscriptions.Register(options.Handlers);
        options.Handlers.CompleteHandler = FixtureCompletions.CompleteAsync;

        var filters = options.Filters.Request;
        filters.ListToolsFilters.Add(ToolOrder.ByName);
        filters.ReadResourceFilters.Add(ResourceNotFound.NameTheUri);
        CachingHints.Register(filters);
    }

    // TryAdd: a primitive the host already registered under the same name is left as it is.
    private static void AddAll<T>(McpServerPrimitiveCollection<T> collection, IEnumerable<T> primitives)
        where T : IMcpServerPrimitive
    {
        foreach (var primitive in primitives)
        {
            collection.TryAdd(primitive);
        }
    }
}
