using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Backends;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Subscriptions;

/// <summary>
/// The gateway's own <c>subscriptions/listen</c> at one 2026-07-28 backend, for one filter: reopened when it breaks
/// (waiting longer each time, up to the backend's <c>BreakDuration</c>), given up when the backend acknowledges none of
/// it. A new filter is a new <see cref="BackendListen"/>; the old one is closed once the new one is acknowledged.
/// </summary>
internal sealed partial class BackendListen : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private readonly Backend _backend;
    private readonly JsonObject _filter;
    private readonly Func<Backend, JsonRpcNotification, ValueTask> _heard;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _running;
    private bool _refused;

    public BackendListen(Backend backend, JsonObject filter, Func<Backend, JsonRpcNotification, ValueTask> heard, ILogger logger)
    {
        _backend = backend;
        _filter = filter;
        _heard = heard;
        _logger = logger;
        Key = filter.ToJsonString();
        _running = Task.Run(RunAsync);
    }

    public Backend Backend => _backend;

    /// <summary>The filter in a comparable form: the same key, the same listen.</summary>
    public string Key { get; }

    /// <summary>Completes when the backend first acknowledged the listen (or it ended without).</summary>
    public Task Acknowledged => _acknowledged.Task;

    private async Task RunAsync()
    {
        var retry = FirstRetry;
        while (!_stop.IsCancellationRequested && !_refused)
        {
            var openedAt = DateTime.UtcNow;
            try
            {
                if (!await _backend.Connection.ListenAsync((JsonObject)_filter.DeepClone(), HeardAsync, _stop.Token))
                {
                    _refused = true;
                }
            }
            catch (Exception e) when (_stop.IsCancellationRequested || e is ObjectDisposedException)
            {
                // Closed by the gateway, or the backend's connection was (it was removed or reconfigured).
                break;
            }
            catch (Exception e)
            {
                // Whatever broke it (the network, a token, an event too large, a message that is not JSON-RPC), it is reopened.
                LogBroken(_backend.Name, e.Message);
            }

            if (_refused)
            {
                LogRefused(_backend.Name, Key);
                break;
            }

            // A stream that stayed open a while was healthy: reopen soon. One that keeps ending at once is waited on longer.
            retry = DateTime.UtcNow - openedAt > _backend.Options.BreakDuration ? FirstRetry
                : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, _backend.Options.BreakDuration.Ticks));
            try
            {
                await Task.Delay(retry, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _acknowledged.TrySetResult();
    }

    private ValueTask HeardAsync(JsonRpcNotification notification)
    {
        if (notification.Method == NotificationMethods.SubscriptionsAcknowledgedNotification)
        {
            // A backend that agrees to none of it would be reopened for nothing, forever.
            _refused = ListenFilter.Read(notification.Params).IsEmpty;
            _acknowledged.TrySetResult();
            return ValueTask.CompletedTask;
        }

        return _heard(_backend, notification);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Backend '{Backend}': its subscriptions/listen stream broke: {Reason}")]
    private partial void LogBroken(string backend, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backend '{Backend}' does not serve subscriptions/listen for {Filter}; its changes are found by listing it again.")]
    private partial void LogRefused(string backend, string filter);
}
