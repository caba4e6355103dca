using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Subscriptions;

/// <summary>
/// The notifications a <c>subscriptions/listen</c> asks for (its <c>notifications</c> parameter, the spec's
/// <c>SubscriptionFilter</c>), or that a server agreed to send (the same shape, in its acknowledgement).
/// </summary>
internal sealed record ListenFilter(bool ToolsListChanged, bool PromptsListChanged, bool ResourcesListChanged, IReadOnlyList<string> ResourceSubscriptions)
{
    public static ListenFilter None { get; } = new(false, false, false, []);

    /// <summary>From a request's <c>params</c> (or an acknowledgement's): what is absent or malformed is not asked for.</summary>
    public static ListenFilter Read(JsonNode? parameters)
    {
        if (parameters?["notifications"] is not JsonObject notifications)
        {
            return None;
        }

        List<string> uris = [];
        if (notifications["resourceSubscriptions"] is JsonArray listed)
        {
            foreach (var item in listed)
            {
                if (item is JsonValue value && value.TryGetValue<string>(out var uri))
                {
                    uris.Add(uri);
                }
            }
        }

        return new ListenFilter(IsTrue(notifications, "toolsListChanged"), IsTrue(notifications, "promptsListChanged"),
            IsTrue(notifications, "resourcesListChanged"), uris);
    }

    public bool IsEmpty => !ToolsListChanged && !PromptsListChanged && !ResourcesListChanged && ResourceSubscriptions.Count == 0;

    /// <summary>Whether it asks for this <c>*/list_changed</c> notification.</summary>
    public bool Wants(string listChangedMethod) => listChangedMethod switch
    {
        NotificationMethods.ToolListChangedNotification => ToolsListChanged,
        NotificationMethods.PromptListChangedNotification => PromptsListChanged,
        NotificationMethods.ResourceListChangedNotification => ResourcesListChanged,
        _ => false,
    };

    /// <summary>The wire form; what is not asked for is left out, as the spec's example acknowledgement does.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (ToolsListChanged)
        {
            json["toolsListChanged"] = true;
        }

        if (PromptsListChanged)
        {
            json["promptsListChanged"] = true;
        }

        if (ResourcesListChanged)
        {
            json["resourcesListChanged"] = true;
        }

        if (ResourceSubscriptions.Count > 0)
        {
            json["resourceSubscriptions"] = new JsonArray([.. ResourceSubscriptions.Select(uri => (JsonNode?)JsonValue.Create(uri))]);
        }

        return json;
    }

    private static bool IsTrue(JsonObject notifications, string name) =>
        notifications[name] is JsonValue value && value.TryGetValue<bool>(out var wanted) && wanted;
}
