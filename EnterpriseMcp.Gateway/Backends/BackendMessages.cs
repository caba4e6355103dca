using System.Diagnostics;
using EnterpriseMcp.Gateway.Telemetry;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Protocol;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>Builds the HTTP requests the gateway sends a backend, for either generation.</summary>
internal static class BackendMessages
{
    public const string ClientName = "enterprise-mcp-gateway";

    private static readonly string[] RequestMetaKeys =
        [MetaKeys.ProtocolVersion, MetaKeys.ClientInfo, MetaKeys.ClientCapabilities, MetaKeys.LogLevel];

    /// <summary>The gateway relays every kind of question a backend may ask, so it declares them all.</summary>
    public static JsonObject GatewayCapabilities() => new()
    {
        ["sampling"] = new JsonObject(),
        ["elicitation"] = new JsonObject { ["form"] = new JsonObject(), ["url"] = new JsonObject() },
        ["roots"] = new JsonObject { ["listChanged"] = true },
    };

    // Built once: each request gets a node over the same element (a node has one parent, so it cannot be shared itself).
    private static readonly JsonElement GatewayInfoElement =
        JsonSerializer.SerializeToElement(new JsonObject { ["name"] = ClientName, ["version"] = "1.0.0" });

    public static JsonObject GatewayInfo() => JsonObject.Create(GatewayInfoElement)!;

    public static HttpRequestMessage Post(Uri url, JsonRpcMessage message, BackendFeatures? features,
        BackendGeneration generation, JsonElement? inputSchema = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(message, McpJsonUtilities.DefaultOptions)),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        if (generation == BackendGeneration.Stateless)
        {
            AddRoutingHeaders(request, message, inputSchema);
        }
        else if (features?.SessionVersion is { } version)
        {
            request.Headers.TryAddWithoutValidation(McpHeaders.ProtocolVersion, version);
            if (features.SessionId is { } sessionId)
            {
                request.Headers.TryAddWithoutValidation(McpHeaders.SessionId, sessionId);
            }
        }

        return request;
    }

    /// <summary>The GET that resumes a 2025 response stream, or opens the session's own stream.</summary>
    public static HttpRequestMessage Get(Uri url, BackendFeatures features, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        request.Headers.TryAddWithoutValidation(McpHeaders.ProtocolVersion, features.SessionVersion);
        request.Headers.TryAddWithoutValidation(McpHeaders.SessionId, features.SessionId);
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation(McpHeaders.LastEventId, lastEventId);
        }

        return request;
    }

    /// <summary>
    /// On 2026-07-28 each request names its revision, client and capabilities in <c>_meta</c>: a
    /// 2026 client's own values pass through, a 2025 client's are filled in. A 2025 backend gets none.
    /// </summary>
    public static JsonObject PrepareParams(JsonNode? parameters, BackendGeneration generation, BackendCall call)
    {
        var prepared = parameters as JsonObject ?? new JsonObject();
        var meta = prepared["_meta"] as JsonObject;
        if (generation == BackendGeneration.Sessions)
        {
            foreach (var key in RequestMetaKeys)
            {
                meta?.Remove(key);
            }

            if (Activity.Current is not null)
            {
                BackendSpans.Propagate(meta ?? (JsonObject)(prepared["_meta"] = new JsonObject()));
            }

            return prepared;
        }

        if (meta is null)
        {
            prepared["_meta"] = meta = new JsonObject();
        }

        BackendSpans.Propagate(meta);
        meta[MetaKeys.ProtocolVersion] = McpProtocolVersion.July2026;
        meta[MetaKeys.ClientInfo] ??= GatewayInfo();
        // Written only when the request lacks them: a 2026 client's own pass through untouched.
        meta[MetaKeys.ClientCapabilities] ??= call.ClientCapabilities is { } declared
            ? JsonSerializer.SerializeToNode(declared, McpJsonUtilities.DefaultOptions)
            : GatewayCapabilities();
        if (call.LogLevel is { } level)
        {
            meta[MetaKeys.LogLevel] ??= JsonSerializer.SerializeToNode(level, McpJsonUtilities.DefaultOptions);
        }

        return prepared;
    }

    /// <summary>
    /// A backend's result as the answer to a 2025 client, for whom the gateway is the server: without the backend's
    /// <c>serverInfo</c> and without <c>resultType</c>, which 2025 revisions do not have.
    /// </summary>
    public static JsonNode ForSessionClient(JsonNode result)
    {
        if (result is JsonObject answer)
        {
            answer.Remove("resultType");
            if (answer["_meta"] is JsonObject meta && meta.Remove(MetaKeys.ServerInfo) && meta.Count == 0)
            {
                answer.Remove("_meta");
            }
        }

        return result;
    }

    private static void AddRoutingHeaders(HttpRequestMessage request, JsonRpcMessage message, JsonElement? inputSchema)
    {
        request.Headers.TryAddWithoutValidation(McpHeaders.ProtocolVersion, McpProtocolVersion.July2026);
        if (message is not JsonRpcRequest { Method: var method, Params: var parameters })
        {
            if (message is JsonRpcNotification notification)
            {
                request.Headers.TryAddWithoutValidation(McpHeaders.Method, notification.Method);
            }

            return;
        }

        request.Headers.TryAddWithoutValidation(McpHeaders.Method, method);
        if (McpMessageFields.TargetProperty(method) is { } property && McpMessageFields.String(parameters, property) is { } target)
        {
            request.Headers.TryAddWithoutValidation(McpHeaders.Name, McpHeaderValue.Encode(target));
        }

        if (inputSchema is { } schema && parameters?["arguments"] is JsonObject arguments)
        {
            ParamHeaders.Add(request, schema, arguments);
        }
    }
}
