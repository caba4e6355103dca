using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// The one JSON form of a record: what the store keeps, what its hash covers and what an export writes. Source-generated
/// with a fixed property order, so the same record always gives the same bytes.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AuditRecord))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class AuditJson : JsonSerializerContext;
