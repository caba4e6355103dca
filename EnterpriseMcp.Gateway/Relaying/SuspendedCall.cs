using System.Text.Json.Nodes;
using System.Threading.Channels;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Hosting.Protocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Relaying;

/// <summary>
/// A call from a 2026-07-28 client to a backend that speaks only a 2025 revision: the backend asks its
/// questions mid-call, but the client can only be asked by an input-required result and answers by
/// retrying. The backend call runs on between the client's rounds; each question pauses the round,
/// and the retry's answer lets the backend go on.
/// </summary>
internal sealed class SuspendedCall : IBackendCallRelay
{
    private readonly Channel<Question> _questions = Channel.CreateUnbounded<Question>();
    private readonly CancellationTokenSource _abandoned = new();
    private IBackendCallRelay _round;
    private Question? _asked;

    public SuspendedCall(InboundCall firstRound, string? userKey, string target)
    {
        _round = new InboundRelay(firstRound);
        UserKey = userKey;
        Target = target;
    }

    public string? UserKey { get; }

    /// <summary>
    /// What the call is to: a retry was authorized for the tool it names, so it may resume only a call to that tool.
    /// </summary>
    public string Target { get; }

    /// <summary>The backend call itself, started by the first round and outliving it.</summary>
    public Task<JsonNode> Backend { get; set; } = null!;

    public string? AskedKey => _asked?.Key;

    public JsonRpcRequest? Asked => _asked?.Request;

    /// <summary>Cancelled when the client gives up on the call: the backend is told to stop.</summary>
    public CancellationToken Abandoned => _abandoned.Token;

    public void Abandon() => _abandoned.Cancel();

    /// <summary>The backend, method and (backend's) name or URI a request is to.</summary>
    public static string TargetOf(Backend backend, JsonRpcRequest request) =>
        $"{backend.Name} {request.Method} {McpMessageFields.Target(request)}";

    /// <summary>Runs until the backend answers or asks something; the question is returned, the answer thrown or returned.</summary>
    /// <param name="round">Relays what the backend sends during the round to the client's retry.</param>
    public async Task<(JsonNode? Result, JsonRpcRequest? Question)> NextAsync(IBackendCallRelay round, CancellationToken cancellationToken)
    {
        _round = round;
        var asked = _questions.Reader.WaitToReadAsync(cancellationToken).AsTask();
        await Task.WhenAny(Backend, asked);
        if (Backend.IsCompleted)
        {
            return (await Backend, null);
        }

        _asked = await asked && _questions.Reader.TryRead(out var question) ? question : null;
        return (null, _asked?.Request);
    }

    /// <summary>Gives the backend the client's answer to the question asked last; false when it was not answered.</summary>
    public bool Answer(IDictionary<string, JsonNode?>? answers)
    {
        if (_asked is not { } asked || answers is null || !answers.TryGetValue(asked.Key, out var answer) || answer is null)
        {
            return false;
        }

        return asked.Answer.TrySetResult(answer.DeepClone());
    }

    public ValueTask OnNotificationAsync(JsonRpcNotification notification, CancellationToken cancellationToken) =>
        _round.OnNotificationAsync(notification, cancellationToken);

    public async Task<JsonNode?> OnRequestAsync(JsonRpcRequest request, CancellationToken cancellationToken)
    {
        var question = new Question($"q{Interlocked.Increment(ref s_nextKey)}", request);
        await _questions.Writer.WriteAsync(question, cancellationToken);
        return await question.Answer.Task.WaitAsync(cancellationToken);
    }

    public ValueTask OnPollingAsync(TimeSpan retryInterval, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private static long s_nextKey;

    private sealed record Question(string Key, JsonRpcRequest Request)
    {
        public TaskCompletionSource<JsonNode?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
