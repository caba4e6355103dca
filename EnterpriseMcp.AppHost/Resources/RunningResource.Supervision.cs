using System.Diagnostics;

namespace EnterpriseMcp.AppHost.Resources;

public sealed partial class RunningResource
{
    /// <summary>Polls health while the process runs; when it exits on its own, starts it again after a back-off.</summary>
    private async Task SuperviseAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                var process = _process!;
                var exited = process.WaitForExitAsync(CancellationToken.None);
                while (!exited.IsCompleted)
                {
                    await Task.WhenAny(exited, Task.Delay(HealthInterval, stopping));
                    stopping.ThrowIfCancellationRequested();
                    if (!exited.IsCompleted)
                    {
                        var (ready, _) = await _probe.CheckAsync(Definition, stopping);
                        Update(Status with { State = ResourceState.Running, Health = ready ? ResourceHealth.Healthy : ResourceHealth.Unhealthy });
                    }
                }

                stopping.ThrowIfCancellationRequested();
                await RestartAfterBackOffAsync(process.ExitCode, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: StopAsync takes it from here.
        }
    }

    private async Task RestartAfterBackOffAsync(int exitCode, CancellationToken stopping)
    {
        _crashesInARow = Stopwatch.GetElapsedTime(_startedAt) >= StableAfter ? 1 : _crashesInARow + 1;
        var backOff = TimeSpan.FromSeconds(Math.Min(LongestBackOff.TotalSeconds, Math.Pow(2, _crashesInARow - 1)));
        Log.Write($"[apphost] exited with code {exitCode}; starting it again in {backOff.TotalSeconds:0} s");
        Update(Status with
        {
            State = ResourceState.Restarting,
            Health = ResourceHealth.Unhealthy,
            ProcessId = null,
            Detail = $"exited with code {exitCode}, again in {backOff.TotalSeconds:0} s",
        });
        await Task.Delay(backOff, stopping);
        Launch();
        Update(Status with { Restarts = Status.Restarts + 1, Detail = $"last exit: code {exitCode}" });
    }
}
