using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Configuration;
using EnterpriseMcp.Gateway.Credentials;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>
/// The gateway's MCP client connection to one backend: pooled HTTP connections, one 2025 session
/// shared by every call (when the backend speaks a 2025 revision), and per-call relaying of what the
/// backend sends before it answers. Never carries a client's credentials: a call made for a user carries that
/// user's exchanged token (<see cref="BackendAuthHandler"/>), on 2026-07-28 where the backend speaks it, since
/// the shared 2025 session belongs to the gateway.
/// </summary>
internal sealed partial class BackendConnection : IAsyncDisposable
{
    private readonly string _name;
    private readonly BackendOptions _options;
    private readonly Uri _url;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly bool _callsAsUser;
    private BackendFeatures? _features;
    private long _nextId;

    public BackendConnection(string name, BackendOptions options, ILogger logger, BackendTokens? tokens = null)
    {
        _name = name;
        _options = options;
        _url = new Uri(options.Url!);
        _logger = logger;
        _callsAsUser = tokens?.Resolve(options.Auth) == BackendAuth.TokenExchange;
        HttpMessageHandler handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.MaxConnections,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
        };
        if (tokens is not null && tokens.Resolve(options.Auth) != BackendAuth.None)
        {
            handler = new BackendAuthHandler(name, options, tokens, handler);
        }

        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Name => _name;

    public BackendOptions Options => _options;

    /// <summary>
    /// Whether a call made for a user carries that user's exchanged token, whose scopes are the user's own: then the
    /// backend's own scope checks judge the user, and the gateway applies them first (see <c>BackendScopeDemands</c>).
    /// </summary>
    public bool CallsAsUser => _callsAsUser;

    public BackendFeatures? Features => Volatile.Read(ref _features);

    /// <summary>Notifications the backend sends outside any call (list changes, resource updates).</summary>
    public event Func<BackendConnection, JsonRpcNotification, Task>? Announced;

    public async Task<BackendFeatures> ConnectAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _features) is { } known)
        {
            return known;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        deadline.CancelAfter(_options.ListTimeout);
        try
        {
            return await HandshakeOnceAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_closing.IsCancellationRequested)
        {
            throw new BackendUnavailableException(_name, $"no answer to the handshake within {_options.ListTimeout.TotalSeconds:0.###} s.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
        {
            throw new BackendUnavailableException(_name, Describe(e), e);
        }
        catch (TokenRequestException e)
        {
            throw NoToken(e);
        }
    }

    private async Task<BackendFeatures> HandshakeOnceAsync(CancellationToken cancellationToken)
    {
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_features is { } raced)
            {
                return raced;
            }

            var features = await HandshakeAsync(cancellationToken);
            Volatile.Write(ref _features, features);
            if (features.SessionId is not null)
            {
                _ = ListenAsync(features);
            }

            return features;
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>
    /// Sends one request and waits for its result, relaying what comes before it. A JSON-RPC error
    /// becomes an <see cref="McpProtocolException"/> with the backend's code and data; no answer in time
    /// or no connection becomes a <see cref="BackendUnavailableException"/>.
    /// </summary>
    public async Task<JsonNode> SendRequestAsync(string method, JsonNode? parameters, BackendCall call, CancellationToken cancellationToken)
    {
        var timeout = TimeoutOf(method);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        deadline.CancelAfter(timeout);
        BackendFeatures? features = null;
        try
        {
            features = await ConnectAsync(deadline.Token);
            var answer = await SendOnceAsync(features, method, parameters, call, deadline.Token);
            if (answer.Status == HttpStatusCode.NotFound && !answer.Answered && features.SessionId is not null)
            {
                // The backend forgot the session (it restarted, or expired it): a new one, and once more.
                Forget(features);
                features = await ConnectAsync(deadline.Token);
                answer = await SendOnceAsync(features, method, parameters, call, deadline.Token);
            }

            return Unwrap(answer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_closing.IsCancellationRequested)
        {
            throw new BackendUnavailableException(_name, $"no answer within {timeout.TotalSeconds:0.###} s.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
        {
            if (features is not null)
            {
                Forget(features);
            }

            throw new BackendUnavailableException(_name, Describe(e), e);
        }
        catch (TokenRequestException e) when (call.User is null)
        {
            throw NoToken(e);
        }
    }

    private TimeSpan TimeoutOf(string method) => method is RequestMethods.Ping or RequestMethods.ToolsList or RequestMethods.PromptsList
        or RequestMethods.ResourcesList or RequestMethods.ResourcesTemplatesList
        ? _options.ListTimeout
        : _options.Timeout;

    /// <summary>Drops the session and what the handshake learned, so the next call starts afresh.</summary>
    public void Forget(BackendFeatures stale) => Interlocked.CompareExchange(ref _features, null, stale);

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        if (Volatile.Read(ref _features) is { SessionId: not null } features)
        {
            using var end = new HttpRequestMessage(HttpMethod.Delete, _url);
            end.Headers.TryAddWithoutValidation(Hosting.Protocol.McpHeaders.SessionId, features.SessionId);
            end.Headers.TryAddWithoutValidation(Hosting.Protocol.McpHeaders.ProtocolVersion, features.SessionVersion);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var _ = await _http.SendAsync(end, timeout.Token);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // Gone already: the backend will expire the session on its own.
            }
        }

        _http.Dispose();
    }

    private JsonNode Unwrap(BackendAnswer answer)
    {
        if (answer.Refused)
        {
            throw new BackendRefusedException(_name, answer.Status, answer.ChallengedScopes);
        }

        if (answer.Result is { } result)
        {
            return result;
        }

        if (answer.Error is { } error)
        {
            throw BackendErrors.ToException(error);
        }

        if ((int)answer.Status >= 500)
        {
            throw new BackendUnavailableException(_name, $"it answered HTTP {(int)answer.Status}.");
        }

        throw new McpProtocolException($"Backend '{_name}' refused the request with HTTP {(int)answer.Status}.", McpErrorCode.InternalError);
    }

    // Said to clients, so it names what went wrong and never the backend's address or the exception's text.
    private static string Describe(Exception e) => e switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "the connection was refused.",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "its host name did not resolve.",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "the TLS handshake failed.",
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "it closed the connection before answering.",
        HttpRequestException => "the HTTP exchange failed.",
        JsonException => "it sent a message that is not JSON-RPC.",
        _ => "the connection broke: " + e.GetType().Name + ".",
    };

    // Without its token the gateway cannot reach the backend at all, so the circuit counts it; a user's refused exchange it does not.
    private BackendUnavailableException NoToken(TokenRequestException e) =>
        new(_name, $"the gateway could not get a token for it: {e.Message}.", e);

    private RequestId NextId() => new(Interlocked.Increment(ref _nextId));
}
