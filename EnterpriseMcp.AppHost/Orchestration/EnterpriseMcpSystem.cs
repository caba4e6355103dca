using EnterpriseMcp.AppHost.Login;
using EnterpriseMcp.AppHost.Postgres;
using EnterpriseMcp.AppHost.Resources;

namespace EnterpriseMcp.AppHost.Orchestration;

/// <summary>
/// The whole system running on this machine: the identity server, the Jira and Db tool servers (and PostgreSQL when
/// asked), and the gateway in front, each a supervised process wired to the others. What <c>dotnet run</c> of the
/// AppHost shows on a console, and what end-to-end tests start, use and dispose (which stops every process).
/// </summary>
public sealed partial class EnterpriseMcpSystem : IAsyncDisposable
{
    private readonly List<RunningResource> _resources;
    private readonly HealthProbe _probe;
    private readonly SystemModel _model;

    private EnterpriseMcpSystem(List<RunningResource> resources, HealthProbe probe, SystemModel model, string dataFolder, DevelopmentUsers users)
    {
        _resources = resources;
        _probe = probe;
        _model = model;
        DataFolder = dataFolder;
        Users = users;
    }

    /// <summary>The gateway's MCP endpoint, which is also its canonical URI (the audience of users' tokens).</summary>
    public string GatewayUrl => _model.McpUrl(ResourceNames.Gateway);

    /// <summary>The identity server's issuer.</summary>
    public string Issuer => _model.Issuer;

    public string DataFolder { get; }

    /// <summary>The development users and their passwords, from the identity file.</summary>
    public DevelopmentUsers Users { get; }

    public IReadOnlyList<ResourceStatus> Resources => _resources.Select(resource => resource.Status).ToList();

    public RunningResource this[string name] => _resources.Single(resource => resource.Definition.Name == name);

    /// <summary>Any resource's change of state or health, once the system has started.</summary>
    public event Action<ResourceStatus>? StatusChanged;

    /// <summary>Starts every resource, each once what it depends on is ready; stops what did start when one fails.</summary>
    /// <exception cref="PrerequisiteException">Something the system needs is missing; nothing was started.</exception>
    /// <exception cref="ResourceStartException">A resource did not become ready; everything started was stopped.</exception>
    public static async Task<EnterpriseMcpSystem> StartAsync(SystemOptions options, CancellationToken cancellationToken = default)
    {
        var layout = SystemLayout.Find();
        Prerequisites.CheckBuilds(layout);
        var node = await Prerequisites.NodeAsync(cancellationToken);
        var dataFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DataFolder ?? layout.DefaultDataFolder));
        Directory.CreateDirectory(dataFolder);
        string[] names = options.Postgres
            ? [ResourceNames.Postgres, ResourceNames.Identity, ResourceNames.Jira, ResourceNames.Db, ResourceNames.Gateway]
            : [ResourceNames.Identity, ResourceNames.Jira, ResourceNames.Db, ResourceNames.Gateway];
        await LeftoverProcesses.ClearAsync(dataFolder, options.Log);
        var ports = PortAssignment.Assign(names, options.Ports);
        var secrets = DevelopmentSecrets.LoadOrCreate(dataFolder);
        await Prerequisites.InstallIdentityPackagesAsync(layout, options.Log, cancellationToken);

        var model = new SystemModel(layout, dataFolder, ports, secrets);
        var definitions = new List<ResourceDefinition>();
        string? postgres = null;
        if (options.Postgres)
        {
            var database = new PostgresDatabase(dataFolder, ports[ResourceNames.Postgres], secrets);
            definitions.Add(await database.PrepareAsync(options.Log, cancellationToken));
            postgres = database.ConnectionString;
        }

        definitions.AddRange([model.Identity(node), model.Jira(), model.Db(postgres), model.Gateway()]);
        var probe = new HealthProbe();
        var resources = definitions
            .Select(definition => new RunningResource(WithSettings(definition, options, dataFolder), probe, options.Log))
            .ToList();
        var users = DevelopmentUsers.Load(Path.Combine(layout.ProjectFolder("EnterpriseMcp.Identity"), "identity.json"));
        var system = new EnterpriseMcpSystem(resources, probe, model, dataFolder, users);
        try
        {
            await system.StartInOrderAsync(options.StartTimeout, cancellationToken);
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }

        foreach (var resource in resources)
        {
            resource.StatusChanged += status => system.StatusChanged?.Invoke(status);
        }

        new SystemStateFile(system.GatewayUrl, system.Issuer, Environment.ProcessId).Write(dataFolder);
        return system;
    }

    /// <summary>A token for the gateway, for one of the development users, by the login an MCP client would run.</summary>
    public Task<string> LoginAsync(string user, string? scope = null, CancellationToken cancellationToken = default) =>
        DevelopmentLogin.TokenAsync(Issuer, user, Users.Password(user), scope ?? DevelopmentLogin.AllScopes, GatewayUrl, cancellationToken);

    /// <summary>Stops every resource, the gateway first and what it depends on last.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var tier in Tiers().Reverse())
        {
            await Task.WhenAll(tier.Select(resource => resource.StopAsync()));
        }

        _probe.Dispose();
        if (SystemStateFile.Read(DataFolder)?.ProcessId == Environment.ProcessId)
        {
            SystemStateFile.Delete(DataFolder);
        }
    }

    /// <summary>Starts each tier (resources whose dependencies are all in earlier tiers) at once, after the one before is ready.</summary>
    private async Task StartInOrderAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        foreach (var tier in Tiers())
        {
            // The first failure cancels the others' waits: the system will not start, so nobody waits out a timeout.
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var starts = tier.Select(async resource =>
            {
                try
                {
                    await resource.StartAsync(timeout, failed.Token);
                }
                catch (ResourceStartException)
                {
                    await failed.CancelAsync();
                    throw;
                }
            }).ToList();
            try
            {
                await Task.WhenAll(starts);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw starts.Select(start => start.Exception?.InnerException).OfType<ResourceStartException>().First();
            }
        }
    }

    private IEnumerable<List<RunningResource>> Tiers()
    {
        var placed = new HashSet<string>();
        var left = _resources.ToList();
        while (left.Count > 0)
        {
            var tier = left.Where(resource => resource.Definition.DependsOn.All(placed.Contains)).ToList();
            if (tier.Count == 0)
            {
                throw new InvalidOperationException($"Resources that depend on each other: {string.Join(", ", left.Select(r => r.Definition.Name))}.");
            }

            foreach (var resource in tier)
            {
                placed.Add(resource.Definition.Name);
                left.Remove(resource);
            }

            yield return tier;
        }
    }

    /// <summary>The test's extra settings, if any, and the marker that tells this system's processes from any other's.</summary>
    private static ResourceDefinition WithSettings(ResourceDefinition definition, SystemOptions options, string dataFolder)
    {
        var environment = definition.Environment.ToDictionary();
        environment[LeftoverProcesses.Marker] = dataFolder;
        foreach (var (name, value) in options.ExtraSettings.GetValueOrDefault(definition.Name) ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return definition with { Environment = environment };
    }
}
