using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>Tools our own tests call to see what the hosting layer hands a tool.</summary>
internal static class ProbeTools
{
    [McpServerTool(Name = "whoami", ReadOnly = true)]
    [Description("Returns the name of the user the call was authenticated as, or 'anonymous'.")]
    public static string WhoAmI(RequestContext<CallToolRequestParams> context) =>
        context.User?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";

    [McpServerTool(Name = "slow_echo", ReadOnly = true)]
    [Description("Waits delayMs milliseconds, then returns text; a cancelled call is counted.")]
    public static async Task<string> SlowEcho(
        [Description("The text to return")] string text,
        [Description("How long to wait first, in milliseconds")] int delayMs,
        CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delayMs, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            FixtureProbes.RecordSlowEchoCancellation();
            throw;
        }

        return text;
    }
}
