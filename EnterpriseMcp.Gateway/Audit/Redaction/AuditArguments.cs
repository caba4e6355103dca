using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// The form of a request's arguments that the audit may keep: a copy with secret values erased and personal ones hashed,
/// by argument name at any depth and by pattern inside any string, cut to a size. The request's own arguments are not
/// changed; they go on to the backend as they came.
/// </summary>
public sealed class AuditArguments
{
    public static readonly DataClassification Secret = new("EnterpriseMcp.Audit", nameof(AuditDataClass.Secret));
    public static readonly DataClassification Personal = new("EnterpriseMcp.Audit", nameof(AuditDataClass.Personal));

    // Hostile input must not stall a call in a pattern: a value that takes longer is erased whole.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly HashSet<string> _secretKeys;
    private readonly HashSet<string> _personalKeys;
    private readonly (Regex Pattern, Redactor Redactor)[] _patterns;
    private readonly Redactor _secret;
    private readonly Redactor _personal;
    private readonly int _maxBytes;

    public AuditArguments(IRedactorProvider redactors, IOptions<AuditRedactionOptions> options)
    {
        var settings = options.Value;
        _secret = redactors.GetRedactor(new DataClassificationSet(Secret));
        _personal = redactors.GetRedactor(new DataClassificationSet(Personal));
        _secretKeys = settings.SecretKeys.Select(Normalized).ToHashSet(StringComparer.Ordinal);
        _personalKeys = settings.PersonalKeys.Select(Normalized).ToHashSet(StringComparer.Ordinal);
        _patterns = settings.Patterns.Values
            .Select(pattern => (new Regex(pattern.Regex, RegexOptions.CultureInvariant, MatchTimeout), RedactorFor(pattern.Class)))
            .ToArray();
        _maxBytes = settings.MaxArgumentBytes;
    }

    /// <summary>What the audit keeps of <paramref name="arguments"/>; null when there were none.</summary>
    public JsonObject? Of(JsonObject? arguments)
    {
        if (arguments is null)
        {
            return null;
        }

        var kept = (JsonObject)Redacted(arguments)!;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(kept, AuditJson.Default.JsonObject).Length;
        return bytes <= _maxBytes ? kept : new JsonObject { ["[truncated]"] = new JsonObject { ["bytes"] = bytes } };
    }

    private JsonNode? Redacted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(property => KeyValuePair.Create(property.Key, Property(property.Key, property.Value)))),
        JsonArray array => new JsonArray(array.Select(Redacted).ToArray()),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(InText(value.GetValue<string>())),
        _ => node?.DeepClone(),
    };

    private JsonNode? Property(string key, JsonNode? value)
    {
        var name = Normalized(key);
        if (value is null)
        {
            return null;
        }

        if (_secretKeys.Contains(name))
        {
            return JsonValue.Create(_secret.Redact(TextOf(value)));
        }

        return _personalKeys.Contains(name) ? JsonValue.Create(_personal.Redact(TextOf(value))) : Redacted(value);
    }

    private string InText(string text)
    {
        try
        {
            foreach (var (pattern, redactor) in _patterns)
            {
                text = pattern.Replace(text, match => redactor.Redact(match.Value));
            }

            return text;
        }
        catch (RegexMatchTimeoutException)
        {
            return _secret.Redact(text);
        }
    }

    private Redactor RedactorFor(AuditDataClass dataClass) => dataClass == AuditDataClass.Personal ? _personal : _secret;

    private static string TextOf(JsonNode value) =>
        value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : value.ToJsonString();

    private static string Normalized(string key) => key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
}
