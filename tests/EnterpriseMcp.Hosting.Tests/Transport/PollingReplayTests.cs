using System.Net.ServerSentEvents;
using EnterpriseMcp.Hosting.ScaleOut;
using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.Streams;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.Tests.Transport;

/// <summary>
/// A client that comes back to poll a stream in polling mode (SEP-1699) before the answer exists gets the answer when it
/// comes, not an empty stream to poll again; once something new is there, the poll ends with it.
/// </summary>
public sealed class PollingReplayTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static SseEventStreamOptions Options(string sessionId) =>
        new() { SessionId = sessionId, StreamId = "7", Mode = SseEventStreamMode.Streaming };

    [Fact]
    public async Task InMemory_PollWithNothingNew_WaitsForTheNextEvent_ThenEnds()
    {
        var store = new InMemoryEventStreamStore(Microsoft.Extensions.Options.Options.Create(new McpHttpOptions()), TimeProvider.System);

        await PollBeforeTheAnswerAsync(store, store);
    }

    [Fact]
    public async Task Redis_PollWithNothingNew_OnAnotherReplica_WaitsForTheNextEvent_ThenEnds()
    {
        await using var redis = new EnterpriseMcp.Tools.Testing.RedisServer();
        await redis.StartAsync();
        await using var writerConnection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        await using var readerConnection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var writerReplica = new ReplicaIdentity();
        var writer = RedisStore(writerConnection, writerReplica);
        var reader = RedisStore(readerConnection, new ReplicaIdentity());
        // The writer's replica takes in requests for its streams, as a gateway replica does.
        await new StreamHandOverInbox(writerConnection, Keys, writerReplica, writer, NullLogger<StreamHandOverInbox>.Instance)
            .StartAsync(Cancellation);

        await PollBeforeTheAnswerAsync(writer, reader);
    }

    // The writer's stream: a priming event, then polling mode; the poll comes (on the reader's store) before the answer.
    private static async Task PollBeforeTheAnswerAsync(ISseEventStreamStore writerStore, ISseEventStreamStore readerStore)
    {
        await using var writer = await writerStore.CreateStreamAsync(Options("session"), Cancellation);
        var priming = await writer.WriteEventAsync(new SseItem<JsonRpcMessage?>(null), Cancellation);
        await writer.SetModeAsync(SseEventStreamMode.Polling, Cancellation);
        var replay = readerStore is ISharedSessionStreams shared
            ? await shared.GetStreamReaderAsync(priming.EventId!, "session", Cancellation)
            : await readerStore.GetStreamReaderAsync(priming.EventId!, Cancellation);
        Assert.NotNull(replay);

        var reading = ReadAllAsync(replay);
        await Task.Delay(200, Cancellation);
        Assert.False(reading.IsCompleted, "The poll ended before anything new was there.");
        await writer.WriteEventAsync(new SseItem<JsonRpcMessage?>(new JsonRpcResponse { Id = new RequestId(7), Result = new System.Text.Json.Nodes.JsonObject() }), Cancellation);

        var read = await reading.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        Assert.Equal(new RequestId(7), Assert.IsType<JsonRpcResponse>(Assert.Single(read).Data).Id);
    }

    private static async Task<List<SseItem<JsonRpcMessage?>>> ReadAllAsync(ISseEventStreamReader reader)
    {
        List<SseItem<JsonRpcMessage?>> read = [];
        await foreach (var item in reader.ReadEventsAsync(Cancellation))
        {
            read.Add(item);
        }

        return read;
    }

    private static readonly RedisKeys Keys = new(Microsoft.Extensions.Options.Options.Create(new McpRedisOptions()));

    private static RedisEventStreamStore RedisStore(IConnectionMultiplexer connection, ReplicaIdentity replica) =>
        new(connection, Keys, replica, Microsoft.Extensions.Options.Options.Create(new McpHttpOptions()), TimeProvider.System);
}
