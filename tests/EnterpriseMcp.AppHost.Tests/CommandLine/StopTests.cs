using EnterpriseMcp.AppHost.Tests.Infrastructure;

namespace EnterpriseMcp.AppHost.Tests.CommandLine;

/// <summary>What the AppHost leaves behind when it is stopped, or killed: nothing, DCP and the dashboard included.</summary>
public sealed class StopTests
{
    [Theory]
    [InlineData(AppHostProcess.SigInt)]
    [InlineData(AppHostProcess.SigTerm)]
    public async Task Stopping_the_AppHost_stops_every_process_it_started(int signal)
    {
        var data = Directory.CreateTempSubdirectory("apphost-stop-").FullName;
        await using var appHost = AppHostProcess.Start([.. AspireSystem.Arguments(data)]);
        await appHost.WaitUntilReadyAsync();
        var started = appHost.Running().Select(ProcessTable.CommandLine).ToList();
        Assert.Contains(started, line => line.Contains("dcp", StringComparison.Ordinal));
        Assert.Contains(started, line => line.Contains("Aspire.Dashboard", StringComparison.Ordinal));
        Assert.Contains(started, line => line.Contains("EnterpriseMcp.Gateway.dll", StringComparison.Ordinal));
        Assert.Contains(started, line => line.Contains("server.mjs", StringComparison.Ordinal));

        appHost.Signal(signal);

        Assert.Equal(0, await appHost.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        await AssertAllGoneAsync(appHost);
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task An_AppHost_killed_outright_leaves_nothing_running_either()
    {
        var data = Directory.CreateTempSubdirectory("apphost-killed-").FullName;
        await using var appHost = AppHostProcess.Start([.. AspireSystem.Arguments(data)]);
        await appHost.WaitUntilReadyAsync();

        // DCP watches the AppHost's process and stops the resources when it is gone.
        appHost.Signal(AppHostProcess.SigKill);

        await appHost.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await AssertAllGoneAsync(appHost);
        Directory.Delete(data, recursive: true);
    }

    /// <summary>DCP stops the resources after the AppHost has exited: give it a while, then nothing may be left.</summary>
    private static async Task AssertAllGoneAsync(AppHostProcess appHost)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (appHost.Running().Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.Empty(appHost.Running().Select(ProcessTable.CommandLine));
    }
}
