using EnterpriseMcp.AppHost.Resources;
using EnterpriseMcp.AppHost.Tests.Infrastructure;

namespace EnterpriseMcp.AppHost.Tests.CommandLine;

/// <summary>What the console shows when a resource crashes while the system runs.</summary>
public sealed class RestartTableTests
{
    [Fact]
    public async Task A_crashed_tool_server_is_reported_restarted_and_shown_again_in_the_table()
    {
        var data = Directory.CreateTempSubdirectory("apphost-restart-").FullName;
        await using var appHost = AppHostProcess.Start(["--free-ports", "--data", data]);
        await appHost.WaitUntilReadyAsync();
        var jira = ProcessTable.Descendants(appHost.Id).Single(id => ProcessTable.CommandLine(id).Contains("EnterpriseMcp.Tools.Jira.dll", StringComparison.Ordinal));

        ProcessSignals.Send(jira, ProcessSignals.SigKill);

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!TableShowsJiraBack(appHost.Output) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.True(TableShowsJiraBack(appHost.Output), appHost.Output);
        Assert.Contains("jira: Restarting, Unhealthy (exited with code 137, again in 1 s)", appHost.Output);
        appHost.Signal(ProcessSignals.SigInt);
        Assert.Equal(0, await appHost.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Directory.Delete(data, recursive: true);
    }

    /// <summary>A table row: jira running, healthy, restarted once, with its last exit.</summary>
    private static bool TableShowsJiraBack(string output) =>
        output.Split('\n').Any(line => line.TrimStart().StartsWith("jira ", StringComparison.Ordinal)
                                       && line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, "Running", "Healthy", "1", ..]
                                       && line.Contains("last exit: code 137", StringComparison.Ordinal));
}
