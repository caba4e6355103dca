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
/// well-formed JSON that is not a JSON-RPC message (invalid request), and refusing oversized bodies.
/// </summary>
internal static class JsonRpcMessageReader
{
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageTypeInfo =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

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
        // One pass for a good message; only a failure is looked at again to tell the client what was wrong.
        var reader = new Utf8JsonReader(json);
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
            // Diagnosed below: malformed JSON and well-formed non-messages get different answers.
        }

        return (null, Diagnose(json));
    }

    private static McpRequestRejection Diagnose(ReadOnlySequence<byte> json)
    {
        if (!IsWellFormed(json, out var firstToken))
        {
            return new(StatusCodes.Status400BadRequest, McpErrorCodes.ParseError,
                "Parse error: the request body is not well-formed JSON.");
        }

        return firstToken == JsonTokenType.StartArray
            ? new(StatusCodes.Status400BadRequest, McpErrorCodes.InvalidRequest,
                "Invalid request: JSON-RPC batches are not supported; send one message per POST.")
            : NotAMessage();
    }

    private static bool IsWellFormed(ReadOnlySequence<byte> json, out JsonTokenType firstToken)
    {
        firstToken = JsonTokenType.None;
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            firstToken = reader.TokenType;
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static McpRequestRejection NotAMessage() => new(StatusCodes.Status400BadRequest, McpErrorCodes.InvalidRequest,
        "Invalid request: the body is not a JSON-RPC 2.0 request, notification or response.");

    private static McpRequestRejection TooLarge(long maxBytes) => new(StatusCodes.Status413PayloadTooLarge,
        McpErrorCodes.InvalidRequest, $"Request body too large: the limit is {maxBytes} bytes.");
}
