using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>
/// The capabilities the client declared: per request in _meta on 2026-07-28, per session before.
/// A tool must not ask for what the client cannot give (SEP-2575).
/// </summary>
internal static class DeclaredCapabilities
{
    public static ClientCapabilities Of<TParams>(RequestContext<TParams> context) =>
        context.JsonRpcRequest.Context?.ClientCapabilities ?? context.Server.ClientCapabilities ?? new ClientCapabilities();

    public static void Require<TParams>(
        RequestContext<TParams> context, bool sampling = false, bool elicitation = false, bool roots = false)
    {
        var declared = Of(context);
        var missing = new ClientCapabilities
        {
            Sampling = sampling && declared.Sampling is null ? new SamplingCapability() : null,
            Elicitation = elicitation && declared.Elicitation is null ? new ElicitationCapability() : null,
            Roots = roots && declared.Roots is null ? new RootsCapability() : null,
        };

        if (missing.Sampling is not null || missing.Elicitation is not null || missing.Roots is not null)
        {
            throw new MissingRequiredClientCapabilityException(
                missing, "This tool needs a client capability the request did not declare.");
        }
    }
}
