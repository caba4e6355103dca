using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>Tools through which the 2026-07-28 stateless scenario observes the server's discipline (SEP-2575).</summary>
internal static class StatelessDiagnosticTools
{
    [McpServerTool(Name = "test_missing_capability", ReadOnly = true)]
    [Description("Needs the sampling capability; a request that does not declare it is refused with -32021.")]
    public static string MissingCapability(RequestContext<CallToolRequestParams> context)
    {
        DeclaredCapabilities.Require(context, sampling: true);
        return "The request declared the sampling capability.";
    }

    [McpServerTool(Name = "test_streaming_elicitation", ReadOnly = true)]
    [Description("Asks the user's name by an input-required result, never by a request of its own on the response stream.")]
    public static string StreamingElicitation(RequestContext<CallToolRequestParams> context)
    {
        DeclaredCapabilities.Require(context, elicitation: true);
        var answer = InputResponses.Elicitation(context.Params!, "user_name")
            ?? throw InputRequests.Required(null, ("user_name", InputRequests.AskText("What is your name?", "name")));
        return $"Thanks, {answer.Text("name") ?? "stranger"}.";
    }

    [McpServerTool(Name = "test_logging_tool", ReadOnly = true)]
    [Description("Logs at info level; a request that set no log level must receive no log notification.")]
    public static async Task<string> LoggingTool(
        RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        await ClientLog.WriteAsync(context, LoggingLevel.Info, "test_logging_tool ran", cancellationToken);
        return "Logged at info level, for clients that asked for it.";
    }
}
