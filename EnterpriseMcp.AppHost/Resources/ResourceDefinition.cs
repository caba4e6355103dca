namespace EnterpriseMcp.AppHost.Resources;

/// <summary>
/// One process of the system as the AppHost runs it: what to start, with which settings, where it answers, and how to
/// tell that it is ready. Settings travel in the environment only (never on the command line, which every user of the
/// machine can read), named as ASP.NET Core and Aspire name them (<c>Mcp__Auth__Resource</c>, <c>services__jira__http__0</c>).
/// </summary>
public sealed record ResourceDefinition
{
    public required string Name { get; init; }

    /// <summary>The program, as an absolute path.</summary>
    public required string Program { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public required string WorkingDirectory { get; init; }

    /// <summary>Where it listens, as users reach it: <c>http://127.0.0.1:5200</c>, or <c>tcp://127.0.0.1:5210</c> for PostgreSQL.</summary>
    public required Uri Url { get; init; }

    /// <summary>The URL that answers 200 once it is ready; none means "accepts TCP connections".</summary>
    public Uri? HealthUrl { get; init; }

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The signal that asks it to stop cleanly: SIGTERM for most, SIGINT (fast shutdown) for PostgreSQL.</summary>
    public int StopSignal { get; init; } = ProcessSignals.SigTerm;

    /// <summary>Runs once it is first ready, before what depends on it starts (PostgreSQL creates its database).</summary>
    public Func<CancellationToken, Task>? WhenReady { get; init; }
}
