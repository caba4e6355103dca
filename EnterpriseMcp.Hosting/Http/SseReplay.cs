using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>Writes stored events back out in SSE format, ids and retry intervals included.</summary>
internal static class SseReplay
{
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageTypeInfo =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.ProtocolOptions.GetTypeInfo(typeof(JsonRpcMessage));

    public static async Task CopyAsync(ISseEventStreamReader reader, Stream destination, CancellationToken cancellationToken)
    {
        await destination.FlushAsync(cancellationToken);
        await SseFormatter.WriteAsync(reader.ReadEventsAsync(cancellationToken), destination, Format, cancellationToken);
    }

    private static void Format(SseItem<JsonRpcMessage?> item, IBufferWriter<byte> output)
    {
        if (item.Data is null)
        {
            return;
        }

        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, item.Data, MessageTypeInfo);
    }
}
