using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.ScaleOut;

/// <summary>
/// Elects the one replica that sends notifications meant for every listening session (a list changed): every replica
/// sees the same backend change, and each sending it would give clients a copy per replica. The leader holds a key with
/// a short lifetime and renews it; when it dies, another takes the key within <see cref="Lease"/>. A new leader
/// raises <see cref="BecameLeader"/>, so that what may have changed while no one led is announced again.
/// </summary>
internal sealed partial class SharedNotifierLeadership(IConnectionMultiplexer redis, RedisKeys keys, ILogger<SharedNotifierLeadership> logger)
    : BackgroundService
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Renewal = Lease / 3;

    // KEYS: the leader key. ARGV: this replica's token, lease ms. 1 when this replica leads (took or kept the key).
    private const string HoldScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
        if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
        return 0
        """;

    private readonly string _token = Guid.NewGuid().ToString("N");
    private volatile bool _leading;

    public bool IsLeader => _leading;

    /// <summary>Raised when this replica starts to lead.</summary>
    public event Action? BecameLeader;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Renewal);
        try
        {
            do
            {
                await HoldAsync();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_leading)
        {
            try
            {
                // Handed over at once instead of after the lease: another replica takes it at its next renewal.
                await redis.GetDatabase().ScriptEvaluateAsync("if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end",
                    [Key], [_token]);
            }
            catch (RedisException)
            {
                // The lease runs out by itself.
            }
        }
    }

    private RedisKey Key => $"{keys.Prefix}notifier-leader";

    private async Task HoldAsync()
    {
        bool leading;
        try
        {
            leading = (int)await redis.GetDatabase().ScriptEvaluateAsync(HoldScript, [Key], [_token, (long)Lease.TotalMilliseconds]) == 1;
        }
        catch (RedisException)
        {
            // Out of touch with Redis, this replica cannot know that it still leads; another may take over when it returns.
            leading = false;
        }

        var started = leading && !_leading;
        _leading = leading;
        if (started)
        {
            LogLeading();
            BecameLeader?.Invoke();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This replica now sends the notifications meant for every listening session.")]
    private partial void LogLeading();
}
