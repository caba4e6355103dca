using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EnterpriseMcp.AppHost.Supervision;

/// <summary>
/// Starts a service again after it crashed. DCP leaves an exited resource exited (the dashboard offers Start), but a
/// developer's gateway should come back by itself. A crash is an exit with a
/// non-zero code: a service asked to stop (the dashboard's Stop, Ctrl+C) exits with 0 and is left alone.
/// </summary>
internal sealed partial class CrashRestart(ResourceNotificationService notifications, ResourceCommandService commands,
    ILogger<CrashRestart> logger) : BackgroundService
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    // One restart per exit: a resource's snapshot is published again (logs, health) while it stays exited.
    private readonly ConcurrentDictionary<string, DateTime?> _handledExits = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                var snapshot = change.Snapshot;
                // Services only (they have health checks), not a one-shot step like npm ci.
                if (change.Resource.TryGetAnnotationsOfType<HealthCheckAnnotation>(out _)
                    && (snapshot.State?.Text == KnownResourceStates.Exited || snapshot.State?.Text == KnownResourceStates.Finished)
                    && snapshot.ExitCode is { } code and not 0
                    && _handledExits.GetValueOrDefault(change.ResourceId) != snapshot.StopTimeStamp)
                {
                    _handledExits[change.ResourceId] = snapshot.StopTimeStamp;
                    _ = RestartAsync(change.ResourceId, code, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RestartAsync(string resourceId, int exitCode, CancellationToken stoppingToken)
    {
        Crashed(logger, resourceId, exitCode);
        await Task.Delay(Pause, stoppingToken);
        var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stoppingToken);
        if (!result.Success)
        {
            NotRestarted(logger, resourceId, result.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited with code {ExitCode}; starting it again")]
    private static partial void Crashed(ILogger logger, string resource, int exitCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} could not be started again: {Reason}")]
    private static partial void NotRestarted(ILogger logger, string resource, string? reason);
}
