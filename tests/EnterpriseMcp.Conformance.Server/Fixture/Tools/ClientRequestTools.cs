using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>
/// Tools that ask the client something mid-call with a server-to-client request, which needs a
/// 2025-generation session. A client that did not declare the capability gets a tool error.
/// </summary>
internal static class ClientRequestTools
{
    [McpServerTool(Name = "test_sampling")]
    [Description("Asks the client's model to answer the prompt and returns the answer.")]
    public static async Task<string> Sampling(
        McpServer server,
        [Description("The prompt to send to the model")] string prompt,
        CancellationToken cancellationToken)
    {
        if (server.ClientCapabilities?.Sampling is null)
        {
            throw new McpException("The client did not declare the sampling capability.");
        }

        var result = await server.SampleAsync(
            new CreateMessageRequestParams
            {
                Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = prompt }] }],
                MaxTokens = 100,
            },
            cancellationToken);

        var answer = result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text ?? "(no text)";
        return $"LLM response: {answer}";
    }

    [McpServerTool(Name = "test_elicitation")]
    [Description("Asks the user for a username and email address and returns what they answered.")]
    public static async Task<string> Elicitation(
        McpServer server,
        [Description("The message to show the user")] string message,
        CancellationToken cancellationToken)
    {
        if (server.ClientCapabilities?.Elicitation is null)
        {
            throw new McpException("The client did not declare the elicitation capability.");
        }

        var result = await server.ElicitAsync(
            new ElicitRequestParams
            {
                Message = message,
                RequestedSchema = new ElicitRequestParams.RequestSchema
                {
                    Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                    {
                        ["username"] = new ElicitRequestParams.StringSchema { Description = "User's response" },
                        ["email"] = new ElicitRequestParams.StringSchema { Description = "User's email address" },
                    },
                    Required = ["username", "email"],
                },
            },
            cancellationToken);

        return $"User response: action={result.Action}, content={Describe(result.Content)}";
    }

    internal static string Describe(IDictionary<string, JsonElement>? content) =>
        content is null ? "{}" : JsonSerializer.Serialize(content, McpJsonUtilities.DefaultOptions);
}
