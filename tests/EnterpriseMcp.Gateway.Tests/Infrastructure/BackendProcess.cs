using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>
/// A tool server in a process of its own (the built application, run with <c>dotnet</c>), on a fixed
/// loopback port, so a test can kill it outright and start it again where the gateway expects it.
/// </summary>
public sealed class BackendProcess : IAsyncDisposable
{
    private readonly string _assembly;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-backend-").FullName;
    private Process? _process;

    private BackendProcess(string assembly, int port, IReadOnlyDictionary<string, string> environment)
    {
        _assembly = assembly;
        _environment = environment;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    public string McpUrl => new Uri(BaseAddress, "/mcp").ToString();

    /// <param name="environment">May name files in its own folder as <c>{folder}</c>.</param>
    public static async Task<BackendProcess> StartAsync(string assembly, IReadOnlyDictionary<string, string> environment)
    {
        var backend = new BackendProcess(assembly, LoopbackPorts.Free(), environment);
        await backend.StartAsync();
        return backend;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, _assembly + ".dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value.Replace("{folder}", _folder, StringComparison.Ordinal);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var alive = await http.GetAsync(new Uri(BaseAddress, "/alive"));
                if (alive.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"{_assembly} did not answer GET /alive at {BaseAddress} within 60 s.");
    }

    /// <summary>Ends the process at once, as a crash would: no graceful shutdown.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    /// <summary>Stops the process where it is (SIGSTOP), as a hung server: its connections stay open and nothing is answered.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>Lets a paused process go on (SIGCONT).</summary>
    public void Resume() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process!.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            Kill();
        }

        _process?.Dispose();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
