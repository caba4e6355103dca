namespace EnterpriseMcp.Gateway.Configuration;

/// <summary>The gateway's settings, bound from <c>Gateway</c>; the backend list reloads from disk without a restart.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Joins a backend's prefix and a tool or prompt name. <c>__</c> keeps names inside <c>^[a-zA-Z0-9_-]{1,64}$</c>.</summary>
    public string Separator { get; set; } = "__";

    /// <summary>The backends by name (the configuration key), e.g. <c>Gateway:Backends:jira:Url</c>.</summary>
    public Dictionary<string, BackendOptions> Backends { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Items per page of the merged <c>tools/list</c>, <c>prompts/list</c>, <c>resources/list</c>.</summary>
    public int ListPageSize { get; set; } = 100;

    /// <summary>How often each backend's lists are fetched again (a backend may not announce its changes).</summary>
    public TimeSpan CatalogRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the gateway, when it starts, waits for each backend to accept connections before it lists it. An
    /// orchestrator that starts the gateway together with its backends (the AppHost, a Kubernetes rollout) sets it: the
    /// gateway then lists each backend as soon as it listens, instead of counting its start-up as failures that open its
    /// circuit. Zero, the default: list each backend once and serve.
    /// </summary>
    public TimeSpan StartupWait { get; set; } = TimeSpan.Zero;
}
