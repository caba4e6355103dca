using System.Diagnostics;

namespace EnterpriseMcp.Deploy.Tests.Kubernetes;

/// <summary>
/// A command-line tool the checks run at the repository root. One that is not installed fails the test with the Debian
/// package to install (test.sh installs it as root): a check that cannot run must not pass unnoticed.
/// </summary>
internal sealed record Tool(string Program, string Package)
{
    public static readonly Tool Kubectl = new("kubectl", "kubectl");
    public static readonly Tool Yamllint = new("yamllint", "yamllint");

    public Result Run(params string[] arguments)
    {
        var path = Find() ?? throw new Xunit.Sdk.XunitException(
            $"{Program} is not installed: apt-get install -y {Package} (./test.sh installs it when run as root).");
        var start = new ProcessStartInfo(path)
        {
            WorkingDirectory = RepositoryFolder.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No cluster may be reached by accident, whatever the machine's kubeconfig says.
        start.Environment["KUBECONFIG"] = Path.Combine(Path.GetTempPath(), "enterprise-mcp-no-cluster.kubeconfig");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{Program} {string.Join(' ', arguments)} did not finish within a minute.");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }

    private string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, Program))
            .FirstOrDefault(File.Exists);

    internal sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Error}";
    }
}
