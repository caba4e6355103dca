using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>
/// Tools that ask the client for input by returning an input-required result and finish when the
/// client retries with the answers (multi round-trip requests, SEP-2322).
/// </summary>
internal static class InputRequiredTools
{
    [McpServerTool(Name = "test_input_required_result_elicitation", ReadOnly = true)]
    [Description("Asks the user's name, then greets them.")]
    public static string Elicitation(RequestContext<CallToolRequestParams> context)
    {
        DeclaredCapabilities.Require(context, elicitation: true);
        var answer = InputResponses.Elicitation(context.Params!, "user_name")
            ?? throw InputRequests.Required(null, ("user_name", InputRequests.AskText("What is your name?", "name")));
        return $"Hello, {answer.Text("name") ?? "stranger"}!";
    }

    [McpServerTool(Name = "test_input_required_result_sampling", ReadOnly = true)]
    [Description("Asks the client's model for the capital of France and returns its answer.")]
    public static string Sampling(RequestContext<CallToolRequestParams> context)
    {
        DeclaredCapabilities.Require(context, sampling: true);
        var answer = InputResponses.Sampling(context.Params!, "capital_question")
            ?? throw InputRequests.Required(null, ("capital_question", InputRequests.Sample("What is the capital of France?", 100)));
        return $"The model answered: {answer.FirstText()}";
    }

    [McpServerTool(Name = "test_input_required_result_list_roots", ReadOnly = true)]
    [Description("Asks the client for its roots and lists them.")]
    public static string ListRoots(RequestContext<CallToolRequestParams> context)
    {
        DeclaredCapabilities.Require(context, roots: true);
        var answer = InputResponses.Roots(context.Params!, "client_roots")
            ?? throw InputRequests.Required(null, ("client_roots", InputRequests.ListRoots()));
        return $"The client shared {answer.Roots.Count} root(s): {string.Join(", ", answer.Roots.Select(root => root.Uri))}";
    }

    [McpServerTool(Name = "test_input_required_result_capabilities", ReadOnly = true)]
    [Description("Asks through every capability the request declared, and through none it did not.")]
    public static string Capabilities(RequestContext<CallToolRequestParams> context)
    {
        if (context.Params!.InputResponses is { Count: > 0 })
        {
            return "capability-check-ok: received the requested input";
        }

        var declared = DeclaredCapabilities.Of(context);
        var requests = new Dictionary<string, InputRequest>();
        if (declared.Sampling is not null)
        {
            requests["capital_question"] = InputRequests.Sample("What is the capital of France?", 100);
        }

        if (declared.Elicitation is not null)
        {
            requests["user_name"] = InputRequests.AskText("What is your name?", "name");
        }

        if (declared.Roots is not null)
        {
            requests["client_roots"] = InputRequests.ListRoots();
        }

        return requests.Count == 0
            ? "capability-check-ok: the client declared nothing to ask through"
            : throw new InputRequiredException(requests, requestState: null);
    }
}
