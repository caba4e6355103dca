using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>
/// Creates the SDK server that answers a session or a single stateless request. Options are
/// resolved once; only a session rebuilt on another replica needs its own copy.
/// </summary>
internal sealed class McpServerFactory(
    IOptions<McpServerOptions> options,
    IOptionsFactory<McpServerOptions> optionsFactory,
    ILoggerFactory loggerFactory,
    IServiceProvider services)
{
    private readonly Lazy<McpServerOptions> _statelessOptions = new(() =>
    {
        var stateless = optionsFactory.Create(Microsoft.Extensions.Options.Options.DefaultName);
        stateless.ScopeRequests = false;
        return stateless;
    });

    public ILoggerFactory LoggerFactory => loggerFactory;

    public McpServerOptions ServerOptions => options.Value;

    public McpServer CreateForSession(StreamableHttpServerTransport transport, InitializeRequestParams? restoredFrom = null)
    {
        var serverOptions = options.Value;
        if (restoredFrom is not null)
        {
            serverOptions = optionsFactory.Create(Microsoft.Extensions.Options.Options.DefaultName);
            serverOptions.KnownClientInfo = restoredFrom.ClientInfo;
            serverOptions.KnownClientCapabilities = restoredFrom.Capabilities;
        }

        return McpServer.Create(transport, serverOptions, loggerFactory, services);
    }

    /// <summary>A server for one request: it lives in the request's DI scope and dies with it.</summary>
    public McpServer CreateStateless(StreamableHttpServerTransport transport, HttpContext context) =>
        McpServer.Create(transport, _statelessOptions.Value, loggerFactory, context.RequestServices);
}
