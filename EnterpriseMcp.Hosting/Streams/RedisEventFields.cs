using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>How the Redis store writes a stream's facts and its events.</summary>
internal static class RedisEventFields
{
    public const string Session = "s";
    public const string StreamId = "i";
    public const string Mode = "m";
    public const string Ended = "e";

    private static readonly JsonTypeInfo<JsonRpcMessage> MessageTypeInfo =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    /// <summary>"{event type}\n{message}", the message empty for a priming event.</summary>
    public static byte[] Encode(SseItem<JsonRpcMessage?> item)
    {
        var type = Encoding.UTF8.GetBytes(item.EventType ?? "");
        var message = item.Data is null ? [] : JsonSerializer.SerializeToUtf8Bytes(item.Data, MessageTypeInfo);
        return [.. type, (byte)'\n', .. message];
    }

    public static SseItem<JsonRpcMessage?> Decode(byte[] stored, string eventId)
    {
        var newline = Array.IndexOf(stored, (byte)'\n');
        var type = Encoding.UTF8.GetString(stored, 0, newline);
        var message = newline + 1 < stored.Length
            ? JsonSerializer.Deserialize(stored.AsSpan(newline + 1), MessageTypeInfo)
            : null;
        return new SseItem<JsonRpcMessage?>(message, type.Length == 0 ? null : type) { EventId = eventId };
    }
}
