using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Schema = ModelContextProtocol.Protocol.ElicitRequestParams;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>Elicitations whose requested schema shows off a schema feature: defaults (SEP-1034) and enums (SEP-1330).</summary>
internal static class ElicitationSchemaTools
{
    [McpServerTool(Name = "test_elicitation_sep1034_defaults")]
    [Description("Elicits one field of each primitive type, each with a default value.")]
    public static Task<string> Defaults(McpServer server, CancellationToken cancellationToken) =>
        ElicitAsync(server, "Test elicitation with default values for primitive types", new()
        {
            ["name"] = new Schema.StringSchema { Description = "Name", Default = "John Doe" },
            ["age"] = new Schema.NumberSchema { Type = "integer", Description = "Age", Default = 30 },
            ["score"] = new Schema.NumberSchema { Description = "Score", Default = 95.5 },
            ["status"] = new Schema.UntitledSingleSelectEnumSchema
            {
                Description = "Status",
                Enum = ["active", "inactive", "pending"],
                Default = "active",
            },
            ["verified"] = new Schema.BooleanSchema { Description = "Verified", Default = true },
        }, cancellationToken);

    [McpServerTool(Name = "test_elicitation_sep1330_enums")]
    [Description("Elicits one field of each enum form: untitled, titled and legacy single-select, untitled and titled multi-select.")]
    public static Task<string> Enums(McpServer server, CancellationToken cancellationToken) =>
        ElicitAsync(server, "Test elicitation with enum schemas", new()
        {
            ["untitledSingle"] = new Schema.UntitledSingleSelectEnumSchema
            {
                Description = "Choose an option",
                Enum = ["option1", "option2", "option3"],
            },
            ["titledSingle"] = new Schema.TitledSingleSelectEnumSchema
            {
                Description = "Choose a titled option",
                OneOf = [Option("value1", "First Option"), Option("value2", "Second Option"), Option("value3", "Third Option")],
            },
#pragma warning disable MCP9001 // The legacy enumNames form is exactly what this scenario checks.
            ["legacyEnum"] = new Schema.LegacyTitledEnumSchema
            {
                Description = "Choose a legacy option",
                Enum = ["opt1", "opt2", "opt3"],
                EnumNames = ["Option One", "Option Two", "Option Three"],
            },
#pragma warning restore MCP9001
            ["untitledMulti"] = new Schema.UntitledMultiSelectEnumSchema
            {
                Description = "Choose several options",
                Items = new Schema.UntitledEnumItemsSchema { Enum = ["option1", "option2", "option3"] },
            },
            ["titledMulti"] = new Schema.TitledMultiSelectEnumSchema
            {
                Description = "Choose several titled options",
                Items = new Schema.TitledEnumItemsSchema
                {
                    AnyOf = [Option("value1", "First Choice"), Option("value2", "Second Choice"), Option("value3", "Third Choice")],
                },
            },
        }, cancellationToken);

    private static Schema.EnumSchemaOption Option(string value, string title) => new() { Const = value, Title = title };

    private static async Task<string> ElicitAsync(
        McpServer server,
        string message,
        Dictionary<string, Schema.PrimitiveSchemaDefinition> properties,
        CancellationToken cancellationToken)
    {
        if (server.ClientCapabilities?.Elicitation is null)
        {
            throw new McpException("The client did not declare the elicitation capability.");
        }

        var result = await server.ElicitAsync(
            new ElicitRequestParams { Message = message, RequestedSchema = new Schema.RequestSchema { Properties = properties } },
            cancellationToken);

        return $"Elicitation completed: action={result.Action}, content={ClientRequestTools.Describe(result.Content)}";
    }
}
