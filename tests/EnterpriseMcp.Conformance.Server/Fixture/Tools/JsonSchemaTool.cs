using System.Text.Json;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>
/// A tool whose input schema uses JSON Schema 2020-12 keywords ($defs, $anchor, $ref, allOf/anyOf,
/// if/then/else), which must reach the client unchanged (SEP-1613, SEP-2106).
/// </summary>
internal static class JsonSchemaTool
{
    private const string InputSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "$defs": {
            "address": {
              "$anchor": "addressDef",
              "type": "object",
              "properties": {
                "street": { "type": "string" },
                "city": { "type": "string" }
              }
            }
          },
          "properties": {
            "name": { "type": "string" },
            "address": { "$ref": "#/$defs/address" },
            "contactMethod": { "type": "string", "enum": ["phone", "email"] },
            "phone": { "type": "string" },
            "email": { "type": "string" }
          },
          "allOf": [
            { "anyOf": [ { "required": ["phone"] }, { "required": ["email"] } ] }
          ],
          "if": { "properties": { "contactMethod": { "const": "phone" } }, "required": ["contactMethod"] },
          "then": { "required": ["phone"] },
          "else": { "required": ["email"] },
          "additionalProperties": false
        }
        """;

    public static McpServerTool Create()
    {
        var tool = McpServerTool.Create(
            () => "JSON Schema 2020-12 tool executed successfully",
            new McpServerToolCreateOptions
            {
                Name = "json_schema_2020_12_tool",
                Description = "Tool with JSON Schema 2020-12 features",
                ReadOnly = true,
            });

        // The schema is authored by hand: one generated from a .NET signature cannot express these keywords.
        tool.ProtocolTool.InputSchema = JsonElement.Parse(InputSchema);
        return tool;
    }
}
