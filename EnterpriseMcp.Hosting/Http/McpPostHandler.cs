using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.Protocol;
using EnterpriseMcp.Hosting.ScaleOut;
using EnterpriseMcp.Hosting.Sessions;
using EnterpriseMcp.Hosting.Tools;
using EnterpriseMcp.Hosting.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>
/// POST /mcp: checks the request against the transport rules of its protocol generation, then hands
/// the message to a session's server (2025 generation) or to a server made for this request alone.
/// </summary>
internal sealed class McpPostHandler(
    IOptions<McpHttpOptions> options,
    OriginValidator origins,
    McpSessionManager sessions,
    McpServerFactory servers,
    McpTransportPost transportPost,
    McpAccessCheck accessCheck,
    IMcpToolDirectory toolDirectory,
    McpShortcutPost shortcuts,
    IEnumerable<IMcpRequestAdmission> admissions,
    IEnumerable<IMcpRefusalObserver> observers,
    ClientAnswerRouting? answers = null)
{
    private readonly McpHttpOptions _options = options.Value;
    private readonly IMcpRequestAdmission[] _admissions = admissions.ToArray();
    private readonly IMcpRefusalObserver[] _observers = observers.ToArray();

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if ((origins.Validate(request) ?? AcceptValidator.ValidatePost(request) ?? AcceptValidator.ValidateContentType(request))
            is { } refused)
        {
            await refused.WriteAsync(context);
            return;
        }

        var (message, unreadable) = await JsonRpcMessageReader.ReadAsync(context, _options.MaxRequestBodySize);
        if (message is null)
        {
            await unreadable!.WriteAsync(context);
            return;
        }

        var id = message is JsonRpcRequest jsonRpcRequest ? jsonRpcRequest.Id : default;
        var version = request.Headers[McpHeaders.ProtocolVersion].ToString().Trim();
        var stateless = McpProtocolVersion.IsStatelessGeneration(version);
        var rejection = ParamsShapeValidator.Validate(message)
            ?? ProtocolVersionValidator.ValidateHeader(version, message)
            ?? ProtocolVersionValidator.ValidateEnvelope(version, message)
            ?? (stateless ? StatelessRequestRules.Validate(request, message, version, toolDirectory) : InitializeParamsValidator.Validate(message));
        if (rejection is not null)
        {
            await rejection.WriteAsync(context, id);
            return;
        }

        message.Context ??= new JsonRpcMessageContext();
        (message.Context.Items ??= new Dictionary<string, object?>())[McpRequestOrigin.Key] = McpRequestOrigin.Of(context);
        var denied = accessCheck.Check(context, message);
        using var admitted = denied is null ? await AdmitAsync(context, message) : null;
        var refusal = denied is null ? admitted?.Refusal : new McpAdmissionRefusal(denied.StatusCode, denied.Code, denied.Message, denied.Data);
        if (refusal is not null)
        {
            await RefuseAsync(context, (JsonRpcRequest)message, refusal);
            return;
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            message.Context.User = context.User;
        }

        if (version.Length > 0)
        {
            message.Context.ProtocolVersion = version;
        }

        if (stateless && _options.ResponseMode == McpResponseMode.Sse && shortcuts.Find(message) is { } shortcut)
        {
            await shortcuts.ServeAsync(context, (JsonRpcRequest)message, shortcut, version);
        }
        else if (stateless || _options.SessionMode == McpSessionMode.Stateless)
        {
            await ServeStatelessAsync(context, message, version, stateless);
        }
        else
        {
            await ServeInSessionAsync(context, message, version, id);
        }
    }

    /// <summary>A refused request's answer, once every observer has seen it (and may have answered 503 instead, having kept no record of it).</summary>
    private async Task RefuseAsync(HttpContext context, JsonRpcRequest request, McpAdmissionRefusal refusal)
    {
        foreach (var observer in _observers)
        {
            if (await observer.OnRefusedAsync(context, request, refusal, context.RequestAborted) is { } instead && instead != refusal)
            {
                context.Response.Headers.Remove(HeaderNames.WWWAuthenticate);
                refusal = instead;
            }
        }

        foreach (var (name, value) in refusal.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await new McpRequestRejection(refusal.StatusCode, refusal.Code, refusal.Message, refusal.Data).WriteAsync(context, request.Id);
    }

    /// <summary>The host's admission steps in order: the first refusal stops; what the admitted ones hold is held until the answer is written.</summary>
    private async ValueTask<McpAdmissions?> AdmitAsync(HttpContext context, JsonRpcMessage message)
    {
        if (_admissions.Length == 0 || message is not JsonRpcRequest request)
        {
            return null;
        }

        var held = new McpAdmissions();
        foreach (var admission in _admissions)
        {
            var answer = await admission.AdmitAsync(context, request, context.RequestAborted);
            held.Add(answer);
            if (answer.Refusal is not null)
            {
                break;
            }
        }

        return held;
    }

    private async Task ServeInSessionAsync(HttpContext context, JsonRpcMessage message, string version, RequestId id)
    {
        var sessionId = context.Request.Headers[McpHeaders.SessionId].ToString();
        var userKey = McpUserKey.From(context.User);
        McpSessionLookup lookup;
        if (sessionId.Length == 0)
        {
            if (message is not JsonRpcRequest { Method: RequestMethods.Initialize })
            {
                await McpSessionErrors.Missing.WriteAsync(context, id);
                return;
            }

            lookup = await sessions.StartAsync(userKey, context.RequestAborted);
            if (lookup.Status == McpSessionLookupStatus.UserAtSessionLimit)
            {
                await McpSessionErrors.TooManySessions(_options.MaxSessionsPerUser).WriteAsync(context, id);
                return;
            }
        }
        else
        {
            lookup = await sessions.FindAsync(sessionId, userKey, context.RequestAborted);
            if (McpSessionErrors.For(lookup.Status) is { } notServed)
            {
                await notServed.WriteAsync(context, id);
                return;
            }
        }

        using var lease = lookup.Lease;
        var session = lookup.Session!;
        context.Response.Headers[McpHeaders.SessionId] = session.Id;
        if (answers is not null && await answers.TryPassOnAsync(session.Id, message))
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        await transportPost.ServeAsync(context, session.Transport, message, version, session.Id, mapErrorStatus: false);
    }

    private async Task ServeStatelessAsync(HttpContext context, JsonRpcMessage message, string version, bool mapErrorStatus)
    {
        var transport = new StreamableHttpServerTransport(servers.LoggerFactory) { Stateless = true, FlowExecutionContextFromRequests = true };
        await using var server = servers.CreateStateless(transport, context);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var running = server.RunAsync(stopping.Token);
        try
        {
            await transportPost.ServeAsync(context, transport, message, version, sessionId: null, mapErrorStatus);
        }
        finally
        {
            await transport.DisposeAsync();
            await stopping.CancelAsync();
            await running.ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }
}
