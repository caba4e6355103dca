using System.Text.Json.Serialization;

namespace EnterpriseMcp.Gateway.RateLimiting;

/// <summary>The limits as text, to tell a change of them from a change of the rest of the configuration.</summary>
[JsonSerializable(typeof(RateLimitOptions))]
internal sealed partial class RateLimitJson : JsonSerializerContext;
