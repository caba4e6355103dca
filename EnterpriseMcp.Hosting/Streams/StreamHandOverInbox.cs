using System.Globalization;
using EnterpriseMcp.Hosting.ScaleOut;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>Takes in other replicas' requests for this replica's request streams (<see cref="StreamHandOvers"/>).</summary>
internal sealed class StreamHandOverInbox(
    IConnectionMultiplexer redis,
    RedisKeys keys,
    ReplicaIdentity replica,
    RedisEventStreamStore store,
    ILogger<StreamHandOverInbox> logger) : ReplicaInbox(redis, logger, "Other replicas' requests for this replica's request streams")
{
    protected override RedisChannel Channel => keys.HandOversFor(replica.Id);

    // "{stream number}\n{session id}"
    protected override async Task DeliverAsync(string asked)
    {
        var newline = asked.IndexOf('\n');
        if (newline < 0 || !long.TryParse(asked.AsSpan(0, newline), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return;
        }

        try
        {
            await store.HandOvers.HandOverAsync(number, asked[(newline + 1)..]);
        }
        catch (Exception e) when (e is McpStoreUnavailableException or RedisConnectionException or RedisTimeoutException)
        {
            // Redis went away meanwhile: the asking replica finds nothing and refuses the resume.
        }
    }
}
