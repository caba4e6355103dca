using System.Text.Json.Serialization;
using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.RateLimiting;

namespace EnterpriseMcp.Gateway.Configuration;

/// <summary>Each part of <see cref="GatewaySettings"/> as text, to tell a change of it from a reload that left it as it was.</summary>
[JsonSerializable(typeof(GatewayOptions))]
[JsonSerializable(typeof(PolicyOptions))]
[JsonSerializable(typeof(RateLimitOptions))]
internal sealed partial class GatewaySettingsJson : JsonSerializerContext;
