using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Pipeline;
using EnterpriseMcp.Hosting.Authorization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Relaying;

/// <summary>
/// Sends a client's request on to a backend and brings back its result, bridging the generations:
/// input-required results (2026-07-28) go back to a 2026 client as they are, to retry itself; for a
/// 2025 client the gateway asks each question on the client's session and retries for it; a 2025
/// backend's mid-call questions reach a 2026 client as input-required results of a suspended call.
/// </summary>
internal sealed class BackendForwarder(SuspendedCalls suspended, ScaleOut.SuspendedCallRouter? router = null)
{
    private const int MaxRounds = 10;

    /// <summary>Sends <paramref name="parameters"/> to <paramref name="backend"/> for <paramref name="call"/> (null: not a call the audit records, e.g. a subscription).</summary>
    public async Task<JsonNode> ForwardAsync<TParams>(RequestContext<TParams> context, GatewayCall? call, Backend backend,
        JsonObject parameters, JsonElement? inputSchema, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(context, call, backend, parameters, inputSchema, cancellationToken);
        }
        catch (BackendRefusedException refused)
        {
            throw refused.For(TargetOf(context));
        }
    }

    private async Task<JsonNode> SendAsync<TParams>(RequestContext<TParams> context, GatewayCall? gatewayCall, Backend backend,
        JsonObject parameters, JsonElement? inputSchema, CancellationToken cancellationToken)
    {
        var inbound = InboundCall.Of(context);
        var userKey = gatewayCall?.Caller.Key ?? McpPrincipal.From(context.User).Key;
        if (inbound.Generation == BackendGeneration.Stateless)
        {
            if (parameters["requestState"] is JsonValue state && state.GetValueKind() == JsonValueKind.String
                && SuspendedCalls.IsOurs(state.GetValue<string>()))
            {
                var handle = state.GetValue<string>();
                var target = SuspendedCall.TargetOf(backend, context.JsonRpcRequest);
                var answers = parameters["inputResponses"] as JsonObject;
                return router is not null && !suspended.HoldsHere(handle)
                    ? await router.ResumeElsewhereAsync(handle, userKey, target, answers, cancellationToken)
                    : await ResumeHereAsync(handle, userKey, target, answers, new InboundRelay(inbound), cancellationToken);
            }

            if (backend.Connection.Features?.Choose(BackendGeneration.Stateless) == BackendGeneration.Sessions)
            {
                var suspendable = new SuspendedCall(inbound, userKey, SuspendedCall.TargetOf(backend, context.JsonRpcRequest));
                suspendable.Backend = backend.SendAsync(context.JsonRpcRequest.Method, parameters,
                    inbound.ToBackendCall(inputSchema) with { Relay = suspendable }, suspendable.Abandoned);
                return await RoundAsync(suspendable, new InboundRelay(inbound), cancellationToken);
            }
        }

        var call = inbound.ToBackendCall(inputSchema) with { Size = gatewayCall?.Answer };
        var method = context.JsonRpcRequest.Method;
        var result = await backend.SendAsync(method, parameters, call, cancellationToken);
        for (var round = 0; IsInputRequired(result); round++)
        {
            var asked = result.Deserialize<InputRequiredResult>(McpJsonUtilities.ProtocolOptions)
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

        return inbound.Generation == BackendGeneration.Sessions ? BackendMessages.ForSessionClient(result) : result;
    }

    /// <summary>
    /// Resumes a call this replica holds with the client's answers: its result, or its next question as an input-required
    /// result. <paramref name="round"/> relays what the backend sends meanwhile to the retry's client.
    /// </summary>
    public async Task<JsonNode> ResumeHereAsync(string handle, string? userKey, string target, JsonObject? answers,
        IBackendCallRelay round, CancellationToken cancellationToken)
    {
        var call = suspended.Resume(handle, userKey, target);
        return call.Answer(answers?.ToDictionary(pair => pair.Key, pair => pair.Value))
            ? await RoundAsync(call, round, cancellationToken)
            : throw AskAgain(call, call.Asked!);
    }

    /// <summary>One round of a suspended call: its result, or its next question as an input-required result.</summary>
    private async Task<JsonNode> RoundAsync(SuspendedCall call, IBackendCallRelay round, CancellationToken cancellationToken)
    {
        JsonNode? result;
        JsonRpcRequest? question;
        try
        {
            (result, question) = await call.NextAsync(round, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            call.Abandon();
            throw;
        }

        return question is null ? result! : throw AskAgain(call, question);
    }

    private InputRequiredException AskAgain(SuspendedCall call, JsonRpcRequest question) => new(
        new Dictionary<string, InputRequest>
        {
            [call.AskedKey!] = new()
            {
                Method = question.Method,
                Params = question.Params is null ? null : JsonSerializer.SerializeToElement(question.Params, McpJsonUtilities.DefaultOptions),
            },
        },
        suspended.Park(call));

    /// <summary>What the client asked for, by the name the gateway exposes (the typed params keep it; the JSON was renamed).</summary>
    private static string TargetOf<TParams>(RequestContext<TParams> context) => context.Params switch
    {
        CallToolRequestParams call => $"tool '{call.Name}'",
        GetPromptRequestParams prompt => $"prompt '{prompt.Name}'",
        ReadResourceRequestParams read => $"resource '{read.Uri}'",
        SubscribeRequestParams subscribe => $"resource '{subscribe.Uri}'",
        UnsubscribeRequestParams unsubscribe => $"resource '{unsubscribe.Uri}'",
        CompleteRequestParams { Ref: PromptReference prompt } => $"prompt '{prompt.Name}'",
        CompleteRequestParams { Ref: ResourceTemplateReference template } => $"resource '{template.Uri}'",
        _ => "request",
    };

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
