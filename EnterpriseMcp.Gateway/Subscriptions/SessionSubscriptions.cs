using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Backends;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Subscriptions;

/// <summary>
/// The URIs the gateway subscribed to, with <c>resources/subscribe</c> on its own 2025 session, at a backend that speaks
/// only 2025 revisions; the updates come on that session's GET stream. A new session (the backend forgot the old one)
/// knows of no subscription, so all are made again.
/// </summary>
internal sealed class SessionSubscriptions(Backend backend)
{
    private static readonly BackendCall SessionCall = new(BackendGeneration.Sessions);
    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);
    private BackendFeatures? _session;

    public async Task ApplyAsync(BackendFeatures features, IReadOnlySet<string> wanted, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(features, _session))
        {
            _subscribed.Clear();
            _session = features;
        }

        if (!backend.IsAvailable)
        {
            // Asked on a later pass, once it answers again.
            return;
        }

        foreach (var uri in _subscribed.Except(wanted).ToList())
        {
            _subscribed.Remove(uri);
            await SendQuietlyAsync(RequestMethods.ResourcesUnsubscribe, uri, cancellationToken);
        }

        foreach (var uri in wanted.Except(_subscribed).ToList())
        {
            // Counted as made even when refused: asked again only on a new session, not on every pass.
            _subscribed.Add(uri);
            await SendQuietlyAsync(RequestMethods.ResourcesSubscribe, uri, cancellationToken);
        }
    }

    private async Task SendQuietlyAsync(string method, string uri, CancellationToken cancellationToken)
    {
        // A backend that hangs must not hold up the other backends' subscriptions for a whole call's Timeout.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(backend.Options.ListTimeout);
        try
        {
            await backend.SendAsync(method, new JsonObject { ["uri"] = uri }, SessionCall, deadline.Token);
        }
        catch (Exception e) when (e is McpException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Refused or unreachable: its listeners hear nothing of that URI; the backend's circuit has counted an outage.
        }
    }
}
