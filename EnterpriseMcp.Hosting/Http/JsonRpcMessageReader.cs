using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>
/// Reads one JSON-RPC message from a POST body, telling malformed JSON (parse error) apart from
/// well-formed JSON that is not a JSON-RPC message (invalid request), and refusing oversized bodies,
/// JSON nested too deep and objects that give a key twice.
/// </summary>
internal static class JsonRpcMessageReader
{
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageTypeInfo =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.ProtocolOptions.GetTypeInfo(typeof(JsonRpcMessage));

    // The depth the SDK's serializer reads to (0 means System.Text.Json's default of 64).
    private static readonly int MaxDepth = McpJsonUtilities.ProtocolOptions.MaxDepth is > 0 and var depth ? depth : 64;

    public static async ValueTask<(JsonRpcMessage? Message, McpRequestRejection? Rejection)> ReadAsync(
        HttpContext context, long maxBytes)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        var body = request.BodyReader;
        ReadResult read;
        try
        {
            while (true)
            {
                read = await body.ReadAsync(context.RequestAborted);
                if (read.Buffer.Length > maxBytes)
                {
                    body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                    return (null, TooLarge(maxBytes));
                }

                if (read.IsCompleted || read.IsCanceled)
                {
                    break;
                }

                body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }

        try
        {
            return Parse(read.Buffer);
        }
        finally
        {
            body.AdvanceTo(read.Buffer.End);
        }
    }

    internal static (JsonRpcMessage? Message, McpRequestRejection? Rejection) Parse(ReadOnlySequence<byte> json)
    {
        // Checked before the SDK reads the body: its JSON objects throw on a repeated key only when a handler
        // first looks into them, which would be a 500 from deep inside the server.
        var scan = JsonBodyScan.Run(json, MaxDepth);
        if (Refusal(scan) is { } refused)
        {
            return (null, refused);
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            var message = JsonSerializer.Deserialize(ref reader, MessageTypeInfo);
            if (message is not null && !reader.Read())
            {
                return (message, null);
            }
        }
        catch (JsonException)
        {
            // Well-formed, so the shape is wrong: answered below.
        }

        return (null, scan.FirstToken == JsonTokenType.StartArray
            ? new(StatusCodes.Status400BadRequest, McpErrorCodes.InvalidRequest,
                "Invalid request: JSON-RPC batches are not supported; send one message per POST.")
            : NotAMessage());
    }

    private static McpRequestRejection? Refusal(JsonBodyScan scan)
    {
        if (!scan.WellFormed)
        {
            return new(StatusCodes.Status400BadRequest, McpErrorCodes.ParseError,
                "Parse error: the request body is not well-formed JSON.");
        }

        if (scan.Depth > MaxDepth)
        {
            return new(StatusCodes.Status400BadRequest, McpErrorCodes.InvalidRequest,
                $"Invalid request: the JSON nests objects and arrays {scan.Depth} levels deep; the limit is {MaxDepth}.");
        }

        return scan.DuplicateKey is { } key
            ? new(StatusCodes.Status400BadRequest, McpErrorCodes.InvalidRequest,
                $"Invalid request: the key '{key}' appears twice in one object (keys are compared ignoring case).")
            : null;
    }

    private static McpRequestRejection NotAMessage() => new(StatusCodes.Status400BadRequest, McpErrorCodes.InvalidRequest,
        "Invalid request: the body is not a JSON-RPC 2.0 request, notification or response.");

    private static McpRequestRejection TooLarge(long maxBytes) => new(StatusCodes.Status413PayloadTooLarge,
        McpErrorCodes.InvalidRequest, $"Request body too large: the limit is {maxBytes} bytes.");
}
