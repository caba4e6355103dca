using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Authorization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Subscriptions;

/// <summary>
/// One 2026-07-28 client's open <c>subscriptions/listen</c>: what it was granted, and what is due to it. What is due
/// is kept as a set (at most the three list kinds and its granted URIs), not a queue, so a client that reads slowly
/// gets each change once, late, instead of making the gateway buffer without bound.
/// </summary>
internal sealed class ClientListener
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _uris;
    private readonly HashSet<string> _dueLists = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dueUris = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _due = new(0, 1);
    private readonly JsonNode? _subscriptionId;

    public ClientListener(RequestId id, string userKey, McpPrincipal caller, ListenFilter granted)
    {
        Id = id;
        UserKey = userKey;
        Caller = caller;
        Granted = granted;
        _uris = new HashSet<string>(granted.ResourceSubscriptions, StringComparer.Ordinal);
        _subscriptionId = JsonSerializer.SerializeToNode(id, McpJsonUtilities.DefaultOptions);
    }

    /// <summary>The id of its <c>subscriptions/listen</c> request, which is the subscription's id.</summary>
    public RequestId Id { get; }

    /// <summary>Whom the per-user limit counts it against.</summary>
    public string UserKey { get; }

    /// <summary>Whom the policy asks about, for each resource update.</summary>
    public McpPrincipal Caller { get; }

    public ListenFilter Granted { get; }

    public bool Subscribed(string uri) => _uris.Contains(uri);

    /// <summary>A merged list changed: due if it asked for that list.</summary>
    public void OfferListChanged(string method)
    {
        if (Granted.Wants(method))
        {
            Due(_dueLists, method);
        }
    }

    /// <summary>A resource changed: due if it asked for that URI (the caller checked the policy).</summary>
    public void OfferUpdate(string uri)
    {
        if (_uris.Contains(uri))
        {
            Due(_dueUris, uri);
        }
    }

    /// <summary>Waits until something is due, then takes it all, as notifications tagged with the subscription's id.</summary>
    public async Task<IReadOnlyList<JsonRpcNotification>> NextAsync(CancellationToken cancellationToken)
    {
        await _due.WaitAsync(cancellationToken);
        List<JsonRpcNotification> due = [];
        lock (_gate)
        {
            foreach (var method in _dueLists)
            {
                due.Add(Tagged(method, new JsonObject()));
            }

            foreach (var uri in _dueUris)
            {
                due.Add(Tagged(NotificationMethods.ResourceUpdatedNotification, new JsonObject { ["uri"] = uri }));
            }

            _dueLists.Clear();
            _dueUris.Clear();
        }

        return due;
    }

    /// <summary>A notification of this subscription: the spec requires its id in <c>_meta</c> on every one.</summary>
    public JsonRpcNotification Tagged(string method, JsonObject parameters)
    {
        parameters["_meta"] = SubscriptionMeta();
        return new JsonRpcNotification { Method = method, Params = parameters };
    }

    /// <summary>The <c>_meta</c> that names this subscription, on its notifications and on the answer that ends it.</summary>
    public JsonObject SubscriptionMeta() => new() { [MetaKeys.SubscriptionId] = _subscriptionId?.DeepClone() };

    private void Due(HashSet<string> set, string item)
    {
        lock (_gate)
        {
            if (!set.Add(item) || _due.CurrentCount > 0)
            {
                return;
            }

            _due.Release();
        }
    }
}
