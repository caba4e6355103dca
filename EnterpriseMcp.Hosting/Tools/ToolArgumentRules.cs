using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Tools;

/// <summary>
/// What a tool's input schema asks of its arguments, read once per tool: which are required, and which JSON types each
/// accepts. The SDK binds arguments only when the method runs, and a binding failure reaches the caller as a bare
/// "An error occurred invoking ..."; checked here first, the caller learns which argument is wrong and why.
/// </summary>
internal sealed class ToolArgumentRules
{
    private readonly FrozenDictionary<string, Parameter> _parameters;
    private readonly string[] _required;

    private ToolArgumentRules(FrozenDictionary<string, Parameter> parameters, string[] required)
    {
        _parameters = parameters;
        _required = required;
    }

    public static ToolArgumentRules For(McpServerTool tool)
    {
        var schema = tool.ProtocolTool.InputSchema;
        var clrTypes = tool.Metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters()
            .Where(parameter => parameter.Name is not null)
            .ToDictionary(parameter => parameter.Name!, parameter => parameter.ParameterType, StringComparer.Ordinal) ?? [];
        var parameters = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
            && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                parameters[property.Name] = new Parameter(TypesOf(property.Value), clrTypes.GetValueOrDefault(property.Name));
            }
        }

        string[] required = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("required", out var names)
            && names.ValueKind == JsonValueKind.Array
            ? [.. names.EnumerateArray().Where(name => name.ValueKind == JsonValueKind.String).Select(name => name.GetString()!)]
            : [];
        return new ToolArgumentRules(parameters.ToFrozenDictionary(StringComparer.Ordinal), required);
    }

    /// <summary>Every problem with the arguments, each naming the argument; null when they fit the schema.</summary>
    /// <remarks>Runs on every call: nothing is allocated unless there is a problem to report.</remarks>
    public List<string>? Problems(IDictionary<string, JsonElement>? arguments)
    {
        List<string>? problems = null;
        foreach (var name in _required)
        {
            if (arguments is null || !arguments.ContainsKey(name))
            {
                (problems ??= []).Add($"'{name}' is required{Expecting(name)}");
            }
        }

        if (arguments is null)
        {
            return problems;
        }

        foreach (var (name, value) in arguments)
        {
            if (_parameters.TryGetValue(name, out var parameter) && parameter.Check(value) is { } problem)
            {
                (problems ??= []).Add($"'{name}' {problem}");
            }
        }

        return problems;
    }

    private string Expecting(string name) =>
        _parameters.TryGetValue(name, out var parameter) && parameter.Types.Length > 0 ? $" ({parameter.Describe()})" : "";

    private static string[] TypesOf(JsonElement property)
    {
        if (property.ValueKind != JsonValueKind.Object || !property.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => [.. type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)],
            _ => [],
        };
    }

    /// <summary>One argument: the JSON types its schema allows (none listed: any) and the .NET type it binds to.</summary>
    private sealed record Parameter(string[] Types, Type? ClrType)
    {
        public string? Check(JsonElement value)
        {
            if (Types.Length == 0 || Types.Any(type => Fits(type, value)))
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.Number && Types.Contains("integer")
                ? $"must be a whole number{Range()}, not {value.GetRawText()}"
                : $"must be {Describe()}, not {KindOf(value)}";
        }

        public string Describe() => string.Join(" or ", Types.Select(type => type switch
        {
            "integer" => "a whole number" + Range(),
            "null" => "null",
            "array" => "an array",
            "object" => "an object",
            _ => "a " + type,
        }));

        private bool Fits(string type, JsonElement value) => type switch
        {
            "string" => value.ValueKind == JsonValueKind.String,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number && FitsInteger(value),
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "array" => value.ValueKind == JsonValueKind.Array,
            "object" => value.ValueKind == JsonValueKind.Object,
            "null" => value.ValueKind == JsonValueKind.Null,
            _ => true,
        };

        private bool FitsInteger(JsonElement value) => IsInt32 ? value.TryGetInt32(out _) : value.TryGetInt64(out _);

        private bool IsInt32 => (Nullable.GetUnderlyingType(ClrType ?? typeof(long)) ?? ClrType) == typeof(int);

        private string Range() => IsInt32 ? $" from {int.MinValue} to {int.MaxValue}" : "";

        private static string KindOf(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => "null",
        };
    }
}
