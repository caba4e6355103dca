using System.Net;
using System.Net.Sockets;
using EnterpriseMcp.AppHost.Tests.Infrastructure;

namespace EnterpriseMcp.AppHost.Tests.CommandLine;

/// <summary>When the system cannot start: which part, why, what to do, exit code 2, and nothing started.</summary>
public sealed class StartFailureTests
{
    [Fact]
    public async Task A_port_in_use_is_named_with_what_to_do_and_nothing_starts()
    {
        var data = Directory.CreateTempSubdirectory("apphost-port-").FullName;
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        await using var appHost = AppHostProcess.Start(["--free-ports", "--gateway-port", port.ToString(), "--data", data]);
        var code = await appHost.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        Assert.Contains($"port {port} (gateway) on 127.0.0.1 is in use", appHost.Errors);
        Assert.Contains("--free-ports", appHost.Errors);
        Assert.DoesNotContain("Starting DCP", appHost.Output);
        Assert.Empty(appHost.Running());
    }

    [Fact]
    public async Task The_dashboards_port_in_use_is_named_too()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var (code, _, errors) = await AppHostProcess.RunAsync(["--free-ports", "--data", Path.GetTempPath()],
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://localhost:{port}" });

        Assert.Equal(2, code);
        Assert.Contains($"port {port} (dashboard) on 127.0.0.1 is in use", errors);
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
    public async Task A_bad_port_option_is_refused_with_the_usage()
    {
        var (code, _, errors) = await AppHostProcess.RunAsync("--gateway-port", "http");

        Assert.Equal(2, code);
        Assert.Contains("--gateway-port takes a port number from 1 to 65535, not 'http'", errors);
        Assert.Contains("usage: dotnet run --project EnterpriseMcp.AppHost", errors);
    }

    [Fact]
    public async Task Replicas_without_Redis_are_refused_with_the_usage()
    {
        var (code, _, errors) = await AppHostProcess.RunAsync("--replicas", "3", "--no-redis");

        Assert.Equal(2, code);
        Assert.Contains("--replicas needs Redis", errors);
        Assert.Contains("usage: dotnet run --project EnterpriseMcp.AppHost", errors);
    }

    [Fact]
    public async Task Replicas_are_refused_when_publishing_rather_than_published_as_one_gateway()
    {
        var output = Directory.CreateTempSubdirectory("apphost-manifest-").FullName;

        var (code, _, errors) = await AppHostProcess.RunAsync("--publisher", "manifest", "--output-path", output, "--replicas", "3");

        Assert.Equal(2, code);
        Assert.Contains("--replicas is for a local run", errors);
        Assert.False(File.Exists(Path.Combine(output, "aspire-manifest.json")));
        Directory.Delete(output, recursive: true);
    }
}
