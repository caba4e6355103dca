using System.Security.Claims;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Policy;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Pipeline;

/// <summary>
/// Resolves each request into its <see cref="GatewayCall"/> once, by whichever step meets it first, and keeps it in the
/// message's items, which travel with it through the transport, a session's server and the shortcut alike.
/// </summary>
internal sealed class GatewayCalls(GatewayRequestAuthorizer authorizer, BackendRegistry registry, TimeProvider time)
{
    private const string Key = "EnterpriseMcp.GatewayCall";

    public GatewayCall Of(ClaimsPrincipal? user, JsonRpcRequest request)
    {
        var items = request.Context?.Items;
        if (items?.TryGetValue(Key, out var known) == true && known is GatewayCall call)
        {
            return call;
        }

        call = new GatewayCall(authorizer.PrincipalOf(user), CallTarget.Of(request, registry), time.GetTimestamp());
        if (request.Context is { } context)
        {
            (context.Items ??= new Dictionary<string, object?>())[Key] = call;
        }

        return call;
    }

    /// <summary>What <paramref name="request"/> names, as resolved for it (or now, before any step has met it).</summary>
    public CallTarget? TargetOf(JsonRpcRequest request) =>
        request.Context?.Items?.TryGetValue(Key, out var known) == true && known is GatewayCall call
            ? call.Target
            : CallTarget.Of(request, registry);
}
