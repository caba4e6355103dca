using EnterpriseMcp.AppHost.Resources;
using EnterpriseMcp.AppHost.Tests.Infrastructure;

namespace EnterpriseMcp.AppHost.Tests.CommandLine;

/// <summary>What the AppHost leaves behind when it is stopped: nothing.</summary>
public sealed class StopTests
{
    [Theory]
    [InlineData(ProcessSignals.SigInt)]
    [InlineData(ProcessSignals.SigTerm)]
    public async Task Stopping_the_AppHost_stops_every_process_it_started(int signal)
    {
        var data = Directory.CreateTempSubdirectory("apphost-stop-").FullName;
        await using var appHost = AppHostProcess.Start(["--free-ports", "--data", data]);
        await appHost.WaitUntilReadyAsync();
        var started = ProcessTable.Descendants(appHost.Id);
        Assert.True(started.Count >= 4, $"expected identity, jira, db and gateway below the AppHost, found {started.Count}");
        Assert.Contains("gateway", appHost.Output);

        appHost.Signal(signal);

        Assert.Equal(0, await appHost.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain(started, ProcessTable.IsRunning);
        Assert.Empty(ProcessTable.Mentioning(data));
        Assert.Contains("stopped", appHost.Output.Split('\n').Last());
        Assert.False(File.Exists(Path.Combine(data, "apphost.json")), "the state file outlived the AppHost");
        Directory.Delete(data, recursive: true);
    }
}
