using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>
/// Input-required tools that carry what a later round needs in a sealed requestState, so nothing
/// is kept on the server between rounds (SEP-2322).
/// </summary>
internal static class SealedStateTools
{
    private const string RequestStateTool = "test_input_required_result_request_state";
    private const string TamperedStateTool = "test_input_required_result_tampered_state";
    private const string MultipleInputsTool = "test_input_required_result_multiple_inputs";
    private const string MultiRoundTool = "test_input_required_result_multi_round";

    [McpServerTool(Name = RequestStateTool, ReadOnly = true)]
    [Description("Asks for confirmation with a signed requestState and checks the state the client echoes.")]
    public static string RequestState(RequestContext<CallToolRequestParams> context) =>
        ConfirmWithSealedState(context, RequestStateTool);

    [McpServerTool(Name = TamperedStateTool, ReadOnly = true)]
    [Description("Asks for confirmation with a signed requestState; an altered state is rejected as invalid params.")]
    public static string TamperedState(RequestContext<CallToolRequestParams> context) =>
        ConfirmWithSealedState(context, TamperedStateTool);

    [McpServerTool(Name = MultipleInputsTool, ReadOnly = true)]
    [Description("Asks for a name, a model-written greeting and the client's roots in one round.")]
    public static string MultipleInputs(RequestContext<CallToolRequestParams> context)
    {
        DeclaredCapabilities.Require(context, sampling: true, elicitation: true, roots: true);
        var request = context.Params!;
        if (request.RequestState is { } state)
        {
            RequestStateSeal.Open(MultipleInputsTool, state);
        }

        var name = InputResponses.Elicitation(request, "user_name");
        var greeting = InputResponses.Sampling(request, "greeting");
        var roots = InputResponses.Roots(request, "client_roots");
        if (name is not null && greeting is not null && roots is not null)
        {
            return $"multiple-inputs-ok: {greeting.FirstText()} {name.Text("name")} ({roots.Roots.Count} root(s))";
        }

        var missing = new Dictionary<string, InputRequest>();
        if (name is null)
        {
            missing["user_name"] = InputRequests.AskText("What is your name?", "name");
        }

        if (greeting is null)
        {
            missing["greeting"] = InputRequests.Sample("Generate a greeting", 50);
        }

        if (roots is null)
        {
            missing["client_roots"] = InputRequests.ListRoots();
        }

        throw new InputRequiredException(missing, RequestStateSeal.Seal(MultipleInputsTool, "gathering"));
    }

    [McpServerTool(Name = MultiRoundTool, ReadOnly = true)]
    [Description("Asks a name, then a favourite colour, in two rounds; the name rides along in the requestState.")]
    public static string MultiRound(RequestContext<CallToolRequestParams> context)
    {
        DeclaredCapabilities.Require(context, elicitation: true);
        var request = context.Params!;
        var stage = request.RequestState is { } state ? RequestStateSeal.Open(MultiRoundTool, state) : "";

        if (stage.StartsWith("colour:", StringComparison.Ordinal))
        {
            var name = stage["colour:".Length..];
            var colour = InputResponses.Elicitation(request, "step2")?.Text("color");
            return colour is not null
                ? $"multi-round-ok: {name} likes {colour}"
                : throw AskColour(stage);
        }

        if (stage == "name" && InputResponses.Elicitation(request, "step1")?.Text("name") is { } givenName)
        {
            throw AskColour($"colour:{givenName}");
        }

        throw InputRequests.Required(
            RequestStateSeal.Seal(MultiRoundTool, "name"),
            ("step1", InputRequests.AskText("Step 1: What is your name?", "name")));

        static InputRequiredException AskColour(string stage) => InputRequests.Required(
            RequestStateSeal.Seal(MultiRoundTool, stage),
            ("step2", InputRequests.AskText("Step 2: What is your favorite color?", "color")));
    }

    private static string ConfirmWithSealedState(RequestContext<CallToolRequestParams> context, string tool)
    {
        DeclaredCapabilities.Require(context, elicitation: true);
        var request = context.Params!;
        if (request.RequestState is { } state)
        {
            RequestStateSeal.Open(tool, state);
            if (InputResponses.Elicitation(request, "confirm") is { } answer)
            {
                return $"state-ok: the echoed requestState passed its integrity check (action={answer.Action})";
            }
        }

        throw InputRequests.Required(RequestStateSeal.Seal(tool, "confirm"), ("confirm", InputRequests.Confirm()));
    }
}
