using System.Diagnostics;

namespace EnterpriseMcp.Tools.Testing;

/// <summary>
/// A real Redis from Debian's <c>redis-server</c> on a free loopback port, for a test run: in memory only, or with
/// <paramref name="durable"/> an append-only file synced on every write, as production runs it, so that its keys
/// outlive a restart. <see cref="StopAsync"/> and <see cref="StartAsync"/> take it down and bring it back on the same
/// port, as an outage would.
/// </summary>
public sealed class RedisServer(bool durable = false) : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("redis-tests-").FullName;
    private Process? _process;

    public int Port { get; } = LoopbackPorts.Free();

    /// <summary>What <c>ConnectionStrings:redis</c> is set to.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        if (!File.Exists("/usr/bin/redis-server"))
        {
            throw new InvalidOperationException("Redis is not installed (no /usr/bin/redis-server): apt-get install redis-server, or run ./test.sh, which does.");
        }

        var start = new ProcessStartInfo("/usr/bin/redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        foreach (var argument in (string[])["--bind", "127.0.0.1", "--port", $"{Port}", "--save", "", "--appendonly", durable ? "yes" : "no", "--appendfsync", "always",
            "--dir", _folder, "--daemonize", "no", "--protected-mode", "yes"])
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        // Drained so that a full pipe never blocks the server.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!await LoopbackPorts.WaitUntilListeningAsync(Port, _process))
        {
            throw new InvalidOperationException($"redis-server did not listen on 127.0.0.1:{Port} within 5 s.");
        }
    }

    /// <summary>Kills the server (SIGKILL): unless durable, every key is gone, as after a real crash of an in-memory Redis.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
