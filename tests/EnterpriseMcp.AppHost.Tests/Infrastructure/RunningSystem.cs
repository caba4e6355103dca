using System.Collections.Concurrent;
using EnterpriseMcp.AppHost.Orchestration;

[assembly: AssemblyFixture(typeof(EnterpriseMcp.AppHost.Tests.Infrastructure.RunningSystem))]

// Each test either shares the one system or starts whole systems of its own: one at a time on two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace EnterpriseMcp.AppHost.Tests.Infrastructure;

/// <summary>The whole system, started by the AppHost library on free ports with a data folder of its own, for the test run.</summary>
public sealed class RunningSystem : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apphost-system-").FullName;

    public EnterpriseMcpSystem System { get; private set; } = null!;

    public ConcurrentQueue<string> Lines { get; } = new();

    public async ValueTask InitializeAsync()
    {
        System = await EnterpriseMcpSystem.StartAsync(new SystemOptions
        {
            DataFolder = _folder,
            Ports = SystemOptions.FreePorts,
            Log = (resource, line) => Lines.Enqueue($"{resource} | {line}"),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await System.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
