using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Tests.Relaying;

/// <summary>A client that answers every kind of question with fixed answers, and counts what it was asked.</summary>
public sealed class ClientAnswers
{
    public const string ModelAnswer = "Paris, said the model";
    public const string UserName = "Ada";

    private int _asked;

    public int Asked => Volatile.Read(ref _asked);

    public void Configure(McpClientOptions options)
    {
        options.Handlers.SamplingHandler = (_, _, _) =>
        {
            Interlocked.Increment(ref _asked);
            return ValueTask.FromResult(new CreateMessageResult
            {
                Content = [new TextContentBlock { Text = ModelAnswer }],
                Model = "test-model",
                Role = Role.Assistant,
            });
        };
        options.Handlers.ElicitationHandler = (_, _) =>
        {
            Interlocked.Increment(ref _asked);
            return ValueTask.FromResult(new ElicitResult
            {
                Action = "accept",
                Content = new Dictionary<string, JsonElement>
                {
                    ["name"] = JsonSerializer.SerializeToElement(UserName),
                    ["username"] = JsonSerializer.SerializeToElement(UserName),
                    ["email"] = JsonSerializer.SerializeToElement("ada@example.com"),
                },
            });
        };
        options.Handlers.RootsHandler = (_, _) =>
        {
            Interlocked.Increment(ref _asked);
            return ValueTask.FromResult(new ListRootsResult { Roots = [new Root { Uri = "file:///home/dev/project", Name = "project" }] });
        };
    }
}
