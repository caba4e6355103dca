using System.Collections.Concurrent;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>
/// When each key was last used, written in the background: a request only notes the time in memory, at most once a
/// minute per key, and the notes are written together every few seconds, so the store sees no write per request and a
/// request never waits for one. Notes that cannot be written are dropped: the time is for administrators, not for access.
/// </summary>
internal sealed partial class ApiKeyUsage(IApiKeyStore store, TimeProvider time, ILogger<ApiKeyUsage> logger) : BackgroundService
{
    private static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan WriteEvery = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _noted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);

    public void Record(string id, DateTimeOffset now)
    {
        if (_noted.TryGetValue(id, out var last) && now - last < Resolution)
        {
            return;
        }

        _noted[id] = now;
        _pending[id] = now;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(WriteEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WriteAsync(cancellationToken);
    }

    /// <summary>Writes what was noted since the last write.</summary>
    internal async Task WriteAsync(CancellationToken cancellationToken)
    {
        var uses = new List<KeyValuePair<string, DateTimeOffset>>();
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var used))
            {
                uses.Add(new(id, used));
            }
        }

        try
        {
            await store.RecordUseAsync(uses, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotWritten(logger, uses.Count, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the last use of {Count} API key(s); the times are dropped")]
    private static partial void LogNotWritten(ILogger logger, int count, Exception exception);
}
