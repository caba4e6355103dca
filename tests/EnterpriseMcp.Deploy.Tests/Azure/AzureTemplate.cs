using System.Text.Json.Nodes;

namespace EnterpriseMcp.Deploy.Tests.Azure;

/// <summary>
/// deploy/azure/main.bicep compiled to ARM JSON once for every test, with the ways to reach into it: a module is a nested
/// deployment whose parameters are what the caller passed and whose template is the module's own.
/// </summary>
internal static class AzureTemplate
{
    public const string MainFile = "deploy/azure/main.bicep";

    private static readonly Lazy<BicepCli.Result> Built = new(() => BicepCli.Run("build", MainFile, "--stdout"));
    private static readonly Lazy<JsonObject> Compiled = new(Parse);

    /// <summary>The build itself: its warnings and errors are on <see cref="BicepCli.Result.Errors"/>.</summary>
    public static BicepCli.Result Build => Built.Value;

    public static JsonObject Main => Compiled.Value;

    /// <summary>The template of resources.bicep, the resource group's content.</summary>
    public static JsonObject Resources => Template(Module(Main, "resources"));

    public static JsonObject Module(JsonObject template, string name) =>
        AllResources(template).SingleOrDefault(resource =>
            (string?)resource["type"] == "Microsoft.Resources/deployments" && (string?)resource["name"] == name)
        ?? throw new InvalidOperationException($"No module deployment '{name}' in the template.");

    public static JsonObject Template(JsonObject deployment) => deployment["properties"]!["template"]!.AsObject();

    public static JsonNode? Parameter(JsonObject deployment, string name) => deployment["properties"]!["parameters"]![name]?["value"];

    public static JsonObject ResourceOfType(JsonObject template, string type) =>
        AllResources(template).Single(resource => (string?)resource["type"] == type);

    /// <summary>A value as written, or the variable's value where it is <c>[variables('name')]</c>.</summary>
    public static string? Resolve(JsonObject template, JsonNode? value)
    {
        const string Prefix = "[variables('", Suffix = "')]";
        return (string?)value is { } text && text.StartsWith(Prefix, StringComparison.Ordinal) && text.EndsWith(Suffix, StringComparison.Ordinal)
            ? (string?)template["variables"]![text[Prefix.Length..^Suffix.Length]]
            : (string?)value;
    }

    /// <summary>A template's resources, whether an array (language version 1) or keyed by symbolic name (2.0).</summary>
    public static IEnumerable<JsonObject> AllResources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(node => node!.AsObject()),
        JsonObject byName => byName.Select(pair => pair.Value!.AsObject()),
        _ => [],
    };

    /// <summary>Every template in the tree, the main one first, with every module's below it.</summary>
    public static IEnumerable<JsonObject> AllTemplates(JsonObject template)
    {
        yield return template;
        foreach (var nested in AllResources(template).Where(resource => (string?)resource["type"] == "Microsoft.Resources/deployments"))
        {
            foreach (var inner in AllTemplates(Template(nested)))
            {
                yield return inner;
            }
        }
    }

    /// <summary>An app's environment variables as its module is given them: name, then the value or secretRef object.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Environment(string module) =>
        Parameter(Module(Resources, module), "env")!.AsArray()
            .Select(node => node!.AsObject())
            .ToDictionary(variable => (string)variable["name"]!);

    private static JsonObject Parse()
    {
        var build = Build;
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {MainFile} failed ({build.ExitCode}):\n{build.Errors}");
        }

        return JsonNode.Parse(build.Output)!.AsObject();
    }
}
