using System.Collections.Concurrent;
using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Hosting.Configuration;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Subscriptions;

/// <summary>
/// Every open 2026-07-28 <c>subscriptions/listen</c> on this replica, and the fan-out to them: a change of a merged list
/// to those that asked for that list, a resource update to those that asked for that URI and that the policy lets read
/// it, asked again at each update so that a policy change applies at once. Each listen holds an HTTP response open, so a
/// user holds at most <c>Mcp:Http:MaxSessionsPerUser</c> of them, the limit on the other long-lived thing a user holds.
/// </summary>
internal sealed class ClientListeners(IOptions<McpHttpOptions> http, GatewayRequestAuthorizer access)
{
    private readonly ConcurrentDictionary<ClientListener, byte> _listeners = new();
    private readonly Dictionary<string, int> _perUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _uriCounts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Count => _listeners.Count;

    public int Limit => http.Value.MaxSessionsPerUser;

    /// <summary>The set of URIs some listener asked for changed: the backends may need to be told.</summary>
    public event Action? SubscriptionsChanged;

    /// <summary>
    /// URIs subscribed to at once on this replica, by all listeners together: each is asked of its backend in one listen,
    /// whose request must stay well within a backend's body limit. Further URIs are left out of new acknowledgements.
    /// </summary>
    public const int MaxSubscribedUris = 1000;

    /// <summary>
    /// Opens a listen for what <paramref name="asked"/> grants, less the URIs beyond <see cref="MaxSubscribedUris"/>; null
    /// when the user already holds as many listens as the limit allows.
    /// </summary>
    public ClientListener? TryAdd(RequestId id, string userKey, McpPrincipal caller, ListenFilter asked)
    {
        ClientListener listener;
        lock (_gate)
        {
            var held = _perUser.GetValueOrDefault(userKey);
            if (held >= Limit)
            {
                return null;
            }

            var uris = new List<string>();
            foreach (var uri in asked.ResourceSubscriptions)
            {
                if (_uriCounts.TryGetValue(uri, out var count) || _uriCounts.Count < MaxSubscribedUris)
                {
                    _uriCounts[uri] = count + 1;
                    uris.Add(uri);
                }
            }

            listener = new ClientListener(id, userKey, caller, asked with { ResourceSubscriptions = uris });
            _perUser[userKey] = held + 1;
            _listeners[listener] = 0;
        }

        if (listener.Granted.ResourceSubscriptions.Count > 0)
        {
            SubscriptionsChanged?.Invoke();
        }

        return listener;
    }

    public void Remove(ClientListener listener)
    {
        lock (_gate)
        {
            if (!_listeners.TryRemove(listener, out _))
            {
                return;
            }

            if (--_perUser[listener.UserKey] == 0)
            {
                _perUser.Remove(listener.UserKey);
            }

            foreach (var uri in listener.Granted.ResourceSubscriptions)
            {
                if (--_uriCounts[uri] == 0)
                {
                    _uriCounts.Remove(uri);
                }
            }
        }

        if (listener.Granted.ResourceSubscriptions.Count > 0)
        {
            SubscriptionsChanged?.Invoke();
        }
    }

    public void AnnounceListChanged(string method)
    {
        foreach (var listener in _listeners.Keys)
        {
            listener.OfferListChanged(method);
        }
    }

    public void AnnounceUpdated(string uri)
    {
        foreach (var listener in _listeners.Keys)
        {
            if (listener.Subscribed(uri) && access.Shows(listener.Caller, PolicyTargetKind.Resource, uri))
            {
                listener.OfferUpdate(uri);
            }
        }
    }

    /// <summary>Every URI some listener asked for: what the backends must be asked to announce.</summary>
    public HashSet<string> SubscribedUris()
    {
        lock (_gate)
        {
            return new HashSet<string>(_uriCounts.Keys, StringComparer.Ordinal);
        }
    }
}
