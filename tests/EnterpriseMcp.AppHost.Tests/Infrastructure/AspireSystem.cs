using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EnterpriseMcp.AppHost.Model;
using EnterpriseMcp.Login;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

[assembly: AssemblyFixture(typeof(EnterpriseMcp.AppHost.Tests.Infrastructure.AspireSystem))]

// Each test either shares the one system or starts whole systems of its own: one at a time on two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace EnterpriseMcp.AppHost.Tests.Infrastructure;

/// <summary>
/// The whole system as the AppHost describes it, run by Aspire.Hosting.Testing for the test run: on free ports, with a
/// data folder and a gateway client secret of its own (nothing of a developer's running system or user secrets).
/// </summary>
public sealed class AspireSystem : IAsyncLifetime
{
    // Generous: a cold start on two shared cores starts four .NET processes and Node, each paying its JIT.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string _folder = Directory.CreateTempSubdirectory("apphost-system-").FullName;

    /// <summary>What the AppHost runs by default.</summary>
    public static readonly string[] Resources =
        [ResourceNames.Identity, ResourceNames.Jira, ResourceNames.Db, ResourceNames.Redis, ResourceNames.Gateway, ResourceNames.Prometheus];

    public DistributedApplication App { get; private set; } = null!;

    public string GatewayUrl => new Uri(App.GetEndpoint(ResourceNames.Gateway, "http"), "/mcp").ToString();

    public string Issuer => App.GetEndpoint(ResourceNames.Identity, "http").ToString().TrimEnd('/');

    public DevelopmentUsers Users { get; } = DevelopmentUsers.Load(Path.Combine(SystemModel.IdentityFolder, "identity.json"));

    public static string[] Arguments(string dataFolder) =>
        ["--free-ports", "--data", dataFolder, $"--Parameters:{ResourceNames.GatewayClientSecret}={Convert.ToHexString(RandomNumberGenerator.GetBytes(24))}",
            // Prometheus scrapes and evaluates every second: tests wait for what it saw.
            "--Prometheus:ScrapeInterval=00:00:01", "--Prometheus:EvaluationInterval=00:00:01"];

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.EnterpriseMcp_AppHost>(Arguments(_folder), cancellationToken);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        App = await builder.BuildAsync(cancellationToken);
        await App.StartAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        foreach (var resource in Resources)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        }
    }

    public Task<string> LoginAsync(string user, string scope = DevelopmentLogin.AllScopes, CancellationToken cancellationToken = default) =>
        DevelopmentLogin.TokenAsync(Issuer, user, Users.Password(user), scope, GatewayUrl, cancellationToken);

    /// <summary>A resource's current snapshot: state, health, exit code, and its process id among its properties.</summary>
    public CustomResourceSnapshot Snapshot(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var current)
            ? current.Snapshot
            : throw new InvalidOperationException($"No resource '{resource}'.");

    public int? ProcessId(string resource) =>
        Snapshot(resource).Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value switch
        {
            int id => id,
            long id => (int)id,
            string text when int.TryParse(text, out var id) => id,
            _ => null,
        };

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
