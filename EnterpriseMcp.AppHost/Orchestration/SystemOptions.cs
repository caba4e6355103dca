namespace EnterpriseMcp.AppHost.Orchestration;

/// <summary>How to run the system: where its data lives, which ports, and whether the Db tool server uses PostgreSQL.</summary>
public sealed record SystemOptions
{
    /// <summary>Keys, databases and generated secrets; kept between runs. Default: <c>EnterpriseMcp.AppHost/.data</c>.</summary>
    public string? DataFolder { get; init; }

    /// <summary>The port of each resource (<c>identity</c>, <c>gateway</c>, <c>db</c>, <c>jira</c>, <c>postgres</c>); 0 picks a free one.</summary>
    public IReadOnlyDictionary<string, int> Ports { get; init; } = DefaultPorts;

    /// <summary>Runs the Db tool server on a PostgreSQL that the AppHost starts in its data folder (Debian's <c>postgresql</c>).</summary>
    public bool Postgres { get; init; }

    /// <summary>How long each resource may take to become ready.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Extra settings for one resource, as environment variables (<c>Db__StatementTimeout</c>): a test's knob.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ExtraSettings { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Receives every line: (resource, line). The AppHost's own lines come from <c>apphost</c>.</summary>
    public Action<string, string> Log { get; init; } = (_, _) => { };

    public static readonly IReadOnlyDictionary<string, int> DefaultPorts = new Dictionary<string, int>
    {
        [ResourceNames.Identity] = 5100,
        [ResourceNames.Gateway] = 5200,
        [ResourceNames.Db] = 5201,
        [ResourceNames.Jira] = 5202,
        [ResourceNames.Postgres] = 5210,
    };

    /// <summary>Every port picked free: for tests, and for a second system beside a running one.</summary>
    public static readonly IReadOnlyDictionary<string, int> FreePorts = DefaultPorts.ToDictionary(pair => pair.Key, _ => 0);
}
