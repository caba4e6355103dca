using System.Diagnostics;
using EnterpriseMcp.AppHost.Model;
using EnterpriseMcp.AppHost.Monitoring;

namespace EnterpriseMcp.AppHost.Tests.Monitoring;

/// <summary>The configuration the AppHost generates for Prometheus, checked by Prometheus's own promtool.</summary>
public sealed class PrometheusConfigTests
{
    [Fact]
    public async Task The_generated_configuration_passes_promtool_with_one_job_per_service_a_target_per_replica_and_the_rules()
    {
        var folder = Directory.CreateTempSubdirectory("prometheus-config-").FullName;
        try
        {
            var file = Path.Combine(folder, PrometheusConfig.FileName);
            await File.WriteAllTextAsync(file, PrometheusConfig.Render(TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(1500),
                [new("jira", "jira", 5202), new("db", "db", 5201), new("gateway", "gateway-1", 41001), new("gateway", "gateway-2", 41002)],
                PrometheusConfig.RuleFiles(SystemModel.RepositoryFolder)),
                TestContext.Current.CancellationToken);

            var (exitCode, output) = await PromtoolAsync("check", "config", file);

            Assert.True(exitCode == 0, output);
            var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            Assert.Equal(3, text.Split("- job_name:").Length - 1);
            Assert.Contains("resource: gateway-2", text);
            Assert.Contains("evaluation_interval: 1500ms", text);
            // promtool checked the rule files the configuration names too.
            Assert.Contains("mcp-tools.rules.yml", text);
            Assert.Contains("SUCCESS", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> PromtoolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("promtool") { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await errors);
    }
}
