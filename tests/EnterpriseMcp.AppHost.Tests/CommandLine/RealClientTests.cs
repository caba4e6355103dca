using System.Text.Json.Nodes;
using System.Diagnostics;
using EnterpriseMcp.AppHost.Model;
using EnterpriseMcp.AppHost.Tests.Infrastructure;

namespace EnterpriseMcp.AppHost.Tests.CommandLine;

/// <summary>
/// The README's quick start, as a new user follows it: the AppHost's run command, a token for bob from its token
/// command, and the MCP Inspector CLI (a real client, from tests/clients) listing and calling tools through the gateway.
/// </summary>
public sealed class RealClientTests(RealClientTests.AppHostRun run) : IClassFixture<RealClientTests.AppHostRun>
{
    [Fact]
    public async Task The_Inspector_CLI_with_bobs_token_lists_the_namespaced_tools()
    {
        var listed = await InspectorAsync("--method", "tools/list");

        var names = listed["tools"]!.AsArray().Select(tool => (string)tool!["name"]!).ToList();
        Assert.Contains("jira__search_issues", names);
        Assert.Contains("db__query", names);
        Assert.DoesNotContain("db__execute", names);
    }

    [Fact]
    public async Task The_Inspector_CLI_calls_jira_search_issues_and_db_query_through_the_gateway()
    {
        var issues = await InspectorAsync("--method", "tools/call", "--tool-name", "jira__search_issues", "--tool-arg", "jql=project = DEMO");
        Assert.NotEqual(true, (bool?)issues["isError"]);
        Assert.Contains("DEMO-1", issues["content"]!.ToJsonString());

        var rows = await InspectorAsync("--method", "tools/call", "--tool-name", "db__query", "--tool-arg", "sql=SELECT name FROM departments ORDER BY name");
        Assert.NotEqual(true, (bool?)rows["isError"]);
        Assert.True((int)rows["structuredContent"]!["row_count"]! > 0);
    }

    [Fact]
    public async Task The_token_command_refuses_an_unknown_user_naming_the_known_ones()
    {
        var (code, _, errors) = await AppHostProcess.RunAsync("token", "mallory", "--gateway", run.GatewayUrl);

        Assert.Equal(2, code);
        Assert.Contains("alice, bob, carol", errors);
    }

    [Fact]
    public async Task The_token_command_says_when_the_system_is_not_running()
    {
        var nowhere = $"http://localhost:{EnterpriseMcp.AppHost.Options.ResourcePorts.FreePort()}/mcp";
        var (code, _, errors) = await AppHostProcess.RunAsync("token", "bob", "--gateway", nowhere);

        Assert.Equal(1, code);
        Assert.Contains($"no token for bob from the gateway {nowhere}", errors);
        Assert.Contains("start the system with `dotnet run --project EnterpriseMcp.AppHost`", errors);
    }

    [Fact]
    public async Task The_token_command_needs_a_user()
    {
        var (code, _, errors) = await AppHostProcess.RunAsync("token");

        Assert.Equal(2, code);
        Assert.Contains("token needs a user: alice, bob, carol", errors);
    }

    private async Task<JsonNode> InspectorAsync(params string[] arguments)
    {
        var inspector = Path.Combine(SystemModel.RepositoryFolder, "tests", "clients", "node_modules", "@modelcontextprotocol", "inspector", "cli", "build", "cli.js");
        Assert.True(File.Exists(inspector), $"The MCP Inspector is not installed ({inspector}): run ./test.sh, or npm ci in tests/clients.");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[inspector, "--cli", run.GatewayUrl, "--transport", "http", "--header", $"Authorization: Bearer {run.BobsToken}", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var code = process.ExitCode;
        output += await errors;
        Assert.True(code == 0, $"the Inspector exited with {code}:\n{output}");
        // Its answer on standard output, then a deprecation notice (v1) on standard error.
        return JsonNode.Parse(output[output.IndexOf('{')..(output.LastIndexOf('}') + 1)])!;
    }

    /// <summary>The AppHost run as the README says, and bob's token from its token command.</summary>
    public sealed class AppHostRun : IAsyncLifetime
    {
        private AppHostProcess? _appHost;

        public string Data { get; } = Directory.CreateTempSubdirectory("apphost-readme-").FullName;

        public string GatewayUrl { get; private set; } = "";

        public string BobsToken { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            _appHost = AppHostProcess.Start([.. AspireSystem.Arguments(Data)]);
            await _appHost.WaitUntilReadyAsync();
            GatewayUrl = _appHost.GuideValue("gateway (MCP)");
            var (code, output, errors) = await AppHostProcess.RunAsync("token", "bob", "--gateway", GatewayUrl);
            Assert.True(code == 0, errors);
            BobsToken = output.Trim();
            Assert.Equal(3, BobsToken.Split('.').Length);
        }

        public async ValueTask DisposeAsync()
        {
            if (_appHost is not null)
            {
                await _appHost.DisposeAsync();
            }

            Directory.Delete(Data, recursive: true);
        }
    }
}
