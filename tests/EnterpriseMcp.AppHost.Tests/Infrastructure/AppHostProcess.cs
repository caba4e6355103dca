using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using EnterpriseMcp.AppHost.Options;
using EnterpriseMcp.AppHost.Startup;

namespace EnterpriseMcp.AppHost.Tests.Infrastructure;

/// <summary>
/// The AppHost as a user runs it, in a process of its own (its build, with <c>dotnet</c>), its output kept. Its
/// dashboard gets free ports (what launchSettings.json gives <c>dotnet run</c>), and its environment a marker of its
/// own that every process it starts inherits, DCP and the dashboard included, so a test can find whatever is left.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    public const int SigKill = 9;
    public const int SigInt = 2;
    public const int SigTerm = 15;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private AppHostProcess(Process process, string marker) => (_process, Marker) = (process, marker);

    public int Id => _process.Id;

    /// <summary>The text in the environment of every process of this run.</summary>
    public string Marker { get; }

    public string Output => string.Join('\n', _output);

    public string Errors => string.Join('\n', _errors);

    /// <summary>The value of a line of the connection guide, e.g. <c>gateway (MCP)</c>.</summary>
    public string GuideValue(string label) =>
        _output.Single(line => line.TrimStart().StartsWith(label, StringComparison.Ordinal)).Trim()[label.Length..].Trim().Split(' ')[0];

    public static AppHostProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var marker = $"apphost-test-{Guid.NewGuid():N}";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            Environment =
            {
                ["ENTERPRISEMCP_TEST_RUN"] = marker,
                ["ASPNETCORE_URLS"] = $"http://localhost:{ResourcePorts.FreePort()}",
                ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{ResourcePorts.FreePort()}",
                ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
                ["DOTNET_ENVIRONMENT"] = "Development",
            },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EnterpriseMcp.AppHost.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        var host = new AppHostProcess(process, marker);
        process.OutputDataReceived += (_, line) => Keep(host._output, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(host._errors, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Runs a command of the AppHost (e.g. <c>token bob</c>) to its end: exit code, output, errors.</summary>
    public static Task<(int Code, string Output, string Errors)> RunAsync(params string[] arguments) => RunAsync(arguments, null);

    public static async Task<(int Code, string Output, string Errors)> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        await using var command = Start(arguments, environment);
        var code = await command.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (code, command.Output, command.Errors);
    }

    /// <summary>Waits until the system is up (the guide's last line), or fails with what the AppHost printed.</summary>
    public async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (!_output.Contains(ConnectionGuide.LastLine))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The AppHost did not start (exited: {_process.HasExited}).\n{Output}\n{Errors}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public void Signal(int signal) => Kill(_process.Id, signal);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(timeout);
        await _process.WaitForExitAsync(bound.Token);
        _process.WaitForExit(); // the output's last lines
        return _process.ExitCode;
    }

    /// <summary>The processes of this run still alive (the AppHost itself included while it runs).</summary>
    public IReadOnlyList<int> Running() => ProcessTable.Mentioning(Marker);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal(SigTerm);
            if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Keep(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
