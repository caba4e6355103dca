using System.ComponentModel;
using EnterpriseMcp.Conformance.Server.Fixture.Tools;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Prompts;

/// <summary>A prompt that asks the user for context first: input-required results are not only for tools (SEP-2322).</summary>
internal static class InputRequiredPrompt
{
    [McpServerPrompt(Name = "test_input_required_result_prompt")]
    [Description("Asks the user what context to use, then returns a prompt built on it.")]
    public static GetPromptResult Get(RequestContext<GetPromptRequestParams> context)
    {
        DeclaredCapabilities.Require(context, elicitation: true);
        var answer = InputResponses.Elicitation(context.Params!, "user_context")
            ?? throw InputRequests.Required(
                null, ("user_context", InputRequests.AskText("What context should the prompt use?", "context")));

        return new GetPromptResult
        {
            Description = "A prompt built on the context the user gave.",
            Messages =
            [
                new PromptMessage
                {
                    Role = Role.User,
                    Content = new TextContentBlock { Text = $"Please continue using this context: {answer.Text("context") ?? "(none)"}" },
                },
            ],
        };
    }
}
