using System.Collections.Concurrent;
using EnterpriseMcp.Gateway.Authorization;
using EnterpriseMcp.Hosting.Configuration;
using Microsoft.Extensions.Options;

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
    private readonly Lock _gate = new();

    public int Count => _listeners.Count;

    public int Limit => http.Value.MaxSessionsPerUser;

    /// <summary>The set of URIs some listener asked for changed: the backends may need to be told.</summary>
    public event Action? SubscriptionsChanged;

    /// <summary>False when the user already holds as many listens as the limit allows.</summary>
    public bool TryAdd(ClientListener listener)
    {
        lock (_gate)
        {
            var held = _perUser.GetValueOrDefault(listener.UserKey);
            if (held >= Limit)
            {
                return false;
            }

            _perUser[listener.UserKey] = held + 1;
            _listeners[listener] = 0;
        }

        if (listener.Granted.ResourceSubscriptions.Count > 0)
        {
            SubscriptionsChanged?.Invoke();
        }

        return true;
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
        var uris = new HashSet<string>(StringComparer.Ordinal);
        foreach (var listener in _listeners.Keys)
        {
            uris.UnionWith(listener.Granted.ResourceSubscriptions);
        }

        return uris;
    }
}
