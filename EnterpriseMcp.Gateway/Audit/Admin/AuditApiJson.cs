using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>An audit endpoint's refusal: what was wrong, in words.</summary>
internal sealed record AuditApiError(string Error);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AuditApiError))]
[JsonSerializable(typeof(AuditVerification))]
internal sealed partial class AuditApiJson : JsonSerializerContext;
