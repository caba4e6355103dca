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

    [Fact]
    public async Task A_second_AppHost_on_a_data_folder_in_use_is_refused_and_one_after_a_killed_AppHost_stops_what_it_left()
    {
        var data = Directory.CreateTempSubdirectory("apphost-leftover-").FullName;
        await using var first = AppHostProcess.Start(["--free-ports", "--data", data]);
        await first.WaitUntilReadyAsync();

        var (code, _, errors) = await AppHostProcess.RunAsync("--free-ports", "--data", data);
        Assert.Equal(2, code);
        Assert.Contains("is already running on the data folder", errors);

        var started = ProcessTable.Descendants(first.Id);
        first.Signal(ProcessSignals.SigKill);
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(started, ProcessTable.IsRunning);

        await using var next = AppHostProcess.Start(["--free-ports", "--data", data]);
        await next.WaitUntilReadyAsync();
        Assert.Contains("that an earlier AppHost on this data folder left running", next.Output);
        Assert.DoesNotContain(started, ProcessTable.IsRunning);

        next.Signal(ProcessSignals.SigInt);
        Assert.Equal(0, await next.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Empty(ProcessTable.Mentioning(data));
        Directory.Delete(data, recursive: true);
    }
}
