using System.Net;
using System.Net.Sockets;
using EnterpriseMcp.AppHost.Orchestration;
using EnterpriseMcp.AppHost.Resources;
using EnterpriseMcp.AppHost.Tests.Infrastructure;

namespace EnterpriseMcp.AppHost.Tests.CommandLine;

/// <summary>When the system cannot start: which part, why, what to do, a non-zero exit, and nothing left running.</summary>
public sealed class StartFailureTests
{
    [Fact]
    public async Task A_port_in_use_is_named_with_what_to_do_and_nothing_starts()
    {
        var data = Directory.CreateTempSubdirectory("apphost-port-").FullName;
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var (code, output, errors) = await AppHostProcess.RunAsync("--free-ports", "--gateway-port", port.ToString(), "--data", data);

        Assert.Equal(2, code);
        Assert.Contains($"port {port} (gateway) on 127.0.0.1 is in use", errors);
        Assert.Contains("--free-ports", errors);
        Assert.DoesNotContain("listening", output);
        Assert.Empty(ProcessTable.Mentioning(data));
    }

    [Fact]
    public async Task Without_Node_the_AppHost_says_what_to_install()
    {
        var (code, _, errors) = await AppHostProcess.RunAsync(["--free-ports", "--data", Path.GetTempPath()],
            new Dictionary<string, string> { ["PATH"] = "/nonexistent" });

        Assert.Equal(2, code);
        Assert.Contains("Node.js is not on the PATH", errors);
        Assert.Contains("Install Node.js 22 or later", errors);
    }

    [Fact]
    public async Task A_Node_older_than_22_is_refused_naming_its_version()
    {
        // A stand-in for the machine's Node 20: it answers --version and nothing else.
        var bin = Directory.CreateTempSubdirectory("apphost-node20-").FullName;
        var node = Path.Combine(bin, "node");
        await File.WriteAllTextAsync(node, "#!/bin/sh\necho v20.20.2\n", TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(node, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var (code, _, errors) = await AppHostProcess.RunAsync(["--free-ports", "--data", Path.GetTempPath()],
            new Dictionary<string, string> { ["PATH"] = bin });

        Assert.Equal(2, code);
        Assert.Contains("is Node.js v20.20.2; the identity server needs 22 or later", errors);
        Assert.Contains("Install Node.js 22 or later", errors);
    }

    [Fact]
    public async Task A_resource_that_runs_but_never_becomes_healthy_is_named_with_its_last_health_answer()
    {
        var data = Directory.CreateTempSubdirectory("apphost-unhealthy-").FullName;

        // A Db tool server whose PostgreSQL does not answer: it runs, and its /health says 503.
        var failure = await Assert.ThrowsAsync<ResourceStartException>(() => EnterpriseMcpSystem.StartAsync(new SystemOptions
        {
            DataFolder = data,
            Ports = SystemOptions.FreePorts,
            StartTimeout = TimeSpan.FromSeconds(15),
            ExtraSettings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                [ResourceNames.Db] = new Dictionary<string, string> { ["ConnectionStrings__db"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Timeout=2" },
            },
        }, TestContext.Current.CancellationToken));

        Assert.Equal(ResourceNames.Db, failure.Resource);
        Assert.Contains("was not ready within 15 s", failure.Message);
        Assert.Contains("/health answered HTTP 503", failure.Message);
        Assert.Contains("--start-timeout", failure.Advice);
        Assert.Empty(ProcessTable.Mentioning(data));
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task A_resource_that_exits_before_it_is_ready_is_named_with_its_last_lines_and_the_rest_is_stopped()
    {
        var data = Directory.CreateTempSubdirectory("apphost-broken-").FullName;

        var failure = await Assert.ThrowsAsync<ResourceStartException>(() => EnterpriseMcpSystem.StartAsync(new SystemOptions
        {
            DataFolder = data,
            Ports = SystemOptions.FreePorts,
            ExtraSettings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                [ResourceNames.Db] = new Dictionary<string, string> { ["Db__MaxRows"] = "0" },
            },
        }, TestContext.Current.CancellationToken));

        Assert.Equal(ResourceNames.Db, failure.Resource);
        Assert.Contains("exited with code", failure.Message);
        Assert.Contains(failure.LastLines, line => line.Contains("Db:MaxRows", StringComparison.Ordinal));
        Assert.Empty(ProcessTable.Mentioning(data));
        Directory.Delete(data, recursive: true);
    }
}
