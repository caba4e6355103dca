using System.Diagnostics;

namespace EnterpriseMcp.AppHost.Resources;

/// <summary>
/// One resource's process, supervised: started in a session of its own (so a terminal's Ctrl+C reaches only the
/// AppHost, which then stops everything in order), its output lines logged, its health polled, restarted with a
/// growing back-off when it exits on its own, and stopped with its stop signal, then killed if it lingers.
/// </summary>
public sealed partial class RunningResource
{
    private const string SetSid = "/usr/bin/setsid";
    private static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>Up this long, a crash counts as the first again (its back-off starts over).</summary>
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestBackOff = TimeSpan.FromSeconds(30);

    private readonly HealthProbe _probe;
    private readonly CancellationTokenSource _stopping = new();
    private Process? _process;
    private Task _supervision = Task.CompletedTask;
    private long _startedAt;
    private int _crashesInARow;

    public RunningResource(ResourceDefinition definition, HealthProbe probe, Action<string, string> sink)
    {
        Definition = definition;
        _probe = probe;
        Log = new ResourceLog(definition.Name, sink);
        Status = new ResourceStatus(definition.Name, ResourceState.Waiting, ResourceHealth.Unknown, definition.Url, 0, null, null);
    }

    public ResourceDefinition Definition { get; }

    public ResourceLog Log { get; }

    public ResourceStatus Status { get; private set; }

    /// <summary>Raised on every change of state or health (not on every health poll).</summary>
    public event Action<ResourceStatus>? StatusChanged;

    /// <summary>Starts the process and returns once it is ready; from then on it is kept running until <see cref="StopAsync"/>.</summary>
    /// <exception cref="ResourceStartException">It exited, or was not ready within <paramref name="timeout"/>.</exception>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Launch();
        await WaitUntilReadyAsync(timeout, cancellationToken);
        if (Definition.WhenReady is { } whenReady)
        {
            await whenReady(cancellationToken);
        }

        _supervision = Task.Run(() => SuperviseAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Ends the process at once, as a crash would (SIGKILL): for tests of the restart.</summary>
    public void Crash()
    {
        if (_process is { } process)
        {
            ProcessSignals.Send(process.Id, ProcessSignals.SigKill);
        }
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _supervision;
        if (_process is not { } process)
        {
            Update(Status with { State = ResourceState.Stopped });
            return;
        }

        if (!process.HasExited)
        {
            Update(Status with { State = ResourceState.Stopping });
            ProcessSignals.Send(process.Id, Definition.StopSignal);
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                Log.Write($"[apphost] did not stop within {StopGrace.TotalSeconds:0} s of its stop signal: killed");
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }

        process.Dispose();
        Update(Status with { State = ResourceState.Stopped, Health = ResourceHealth.Unknown, ProcessId = null });
    }

    private void Launch()
    {
        var start = new ProcessStartInfo(File.Exists(SetSid) ? SetSid : Definition.Program)
        {
            WorkingDirectory = Definition.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (File.Exists(SetSid))
        {
            start.ArgumentList.Add(Definition.Program);
        }

        foreach (var argument in Definition.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Definition.Environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Write(line.Data);
        process.ErrorDataReceived += (_, line) => Write(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process?.Dispose();
        _process = process;
        _startedAt = Stopwatch.GetTimestamp();
        Update(Status with { State = ResourceState.Starting, Health = ResourceHealth.Unknown, ProcessId = process.Id });
    }

    private void Write(string? line)
    {
        if (line is not null)
        {
            Log.Write(line);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var process = _process!;
        var exited = process.WaitForExitAsync(CancellationToken.None);
        var answer = "nothing yet";
        while (true)
        {
            if (exited.IsCompleted)
            {
                Update(Status with { State = ResourceState.Failed, Detail = $"exited with code {process.ExitCode}" });
                throw new ResourceStartException(Definition.Name, $"exited with code {process.ExitCode} before it was ready.",
                    "Fix what its last lines (above) name, then start again.", Log.LastLines(20));
            }

            (var ready, answer) = await _probe.CheckAsync(Definition, cancellationToken);
            if (ready)
            {
                Update(Status with { State = ResourceState.Running, Health = ResourceHealth.Healthy });
                return;
            }

            if (Stopwatch.GetElapsedTime(_startedAt) > timeout)
            {
                Update(Status with { State = ResourceState.Failed, Health = ResourceHealth.Unhealthy, Detail = "never ready" });
                throw new ResourceStartException(Definition.Name,
                    $"was not ready within {timeout.TotalSeconds:0} s: {Definition.HealthUrl?.ToString() ?? Definition.Url.ToString()} answered {answer}.",
                    "Its last lines are above. A slow first start may need a longer --start-timeout.", Log.LastLines(20));
            }

            await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void Update(ResourceStatus status)
    {
        var changed = status != Status;
        Status = status;
        if (changed)
        {
            StatusChanged?.Invoke(status);
        }
    }
}
