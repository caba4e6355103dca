using System.Text.Json.Nodes;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>
/// What the handshake learned about a backend: whether it answers 2026-07-28 requests, the 2025
/// session it gave the gateway (if it speaks a 2025 revision), and the capabilities it declared. A
/// session opened for one user's calls names its <paramref name="Owner"/> key.
/// </summary>
internal sealed record BackendFeatures(bool SpeaksStateless, string? SessionVersion, string? SessionId, JsonObject? Capabilities,
    string? Owner = null)
{
    public bool SpeaksSessions => SessionVersion is not null;

    /// <summary>The client's own generation where the backend speaks it, so nothing needs bridging.</summary>
    public BackendGeneration Choose(BackendGeneration client) => client switch
    {
        BackendGeneration.Stateless when SpeaksStateless => BackendGeneration.Stateless,
        BackendGeneration.Sessions when SpeaksSessions => BackendGeneration.Sessions,
        _ => SpeaksStateless ? BackendGeneration.Stateless : BackendGeneration.Sessions,
    };

    public bool Offers(string capability) => Capabilities?[capability] is JsonObject;
}
