using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Backends;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Relaying;

/// <summary>
/// Sends a client's request on to a backend and brings back its result. Input-required results
/// (2026-07-28) go back to a 2026 client as they are, to retry itself; for a 2025 client the gateway
/// asks each question on the client's session and retries for it.
/// </summary>
internal static class BackendForwarder
{
    private const int MaxRounds = 10;

    public static async Task<JsonNode> ForwardAsync<TParams>(RequestContext<TParams> context, Backend backend,
        JsonObject parameters, JsonElement? inputSchema, CancellationToken cancellationToken)
    {
        var inbound = InboundCall.Of(context);
        var call = inbound.ToBackendCall(inputSchema);
        var method = context.JsonRpcRequest.Method;
        var result = await backend.SendAsync(method, parameters, call, cancellationToken);
        for (var round = 0; IsInputRequired(result); round++)
        {
            var asked = result.Deserialize<InputRequiredResult>(McpJsonUtilities.DefaultOptions)
                ?? throw new McpProtocolException($"Backend '{backend.Name}' sent an unreadable input-required result.", McpErrorCode.InternalError);
            if (inbound.Generation == BackendGeneration.Stateless)
            {
                throw new InputRequiredException(asked);
            }

            if (round == MaxRounds)
            {
                throw new McpProtocolException($"Backend '{backend.Name}' asked for input more than {MaxRounds} times.", McpErrorCode.InternalError);
            }

            parameters = (JsonObject)parameters.DeepClone();
            parameters["inputResponses"] = await AskAsync(call.Relay!, asked, cancellationToken);
            if (asked.RequestState is { } state)
            {
                parameters["requestState"] = state;
            }
            else
            {
                parameters.Remove("requestState");
            }

            result = await backend.SendAsync(method, parameters, call, cancellationToken);
        }

        return result;
    }

    private static bool IsInputRequired(JsonNode result) =>
        result is JsonObject obj && obj["resultType"] is JsonValue type && type.GetValueKind() == JsonValueKind.String
        && type.GetValue<string>() == "input_required";

    private static async Task<JsonObject> AskAsync(IBackendCallRelay relay, InputRequiredResult asked, CancellationToken cancellationToken)
    {
        var answers = new JsonObject();
        foreach (var (key, question) in asked.InputRequests ?? new Dictionary<string, InputRequest>())
        {
            var request = new JsonRpcRequest
            {
                Method = question.Method,
                Params = question.Params is { } p ? JsonNode.Parse(p.GetRawText()) : null,
            };
            answers[key] = await relay.OnRequestAsync(request, cancellationToken);
        }

        return answers;
    }
}
