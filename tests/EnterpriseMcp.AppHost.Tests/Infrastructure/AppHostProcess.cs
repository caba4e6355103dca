using System.Collections.Concurrent;
using System.Diagnostics;
using EnterpriseMcp.AppHost.Orchestration;
using EnterpriseMcp.AppHost.Resources;

namespace EnterpriseMcp.AppHost.Tests.Infrastructure;

/// <summary>The AppHost as a user runs it, in a process of its own (its build, with <c>dotnet</c>), its output kept.</summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    public const string ReadyLine = "Press Ctrl+C to stop everything.";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private AppHostProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string Output => string.Join('\n', _output);

    public string Errors => string.Join('\n', _errors);

    public static AppHostProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(SystemLayout.Find().Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
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
        var host = new AppHostProcess(process);
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
        while (!_output.Contains(ReadyLine))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The AppHost did not start (exited: {_process.HasExited}).\n{Output}\n{Errors}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public void Signal(int signal) => ProcessSignals.Send(_process.Id, signal);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(timeout);
        await _process.WaitForExitAsync(bound.Token);
        _process.WaitForExit(); // the output's last lines
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal(ProcessSignals.SigTerm);
            if (!_process.WaitForExit(TimeSpan.FromSeconds(40)))
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
}
