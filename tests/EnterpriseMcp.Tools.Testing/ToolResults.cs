using System.Text.Json;
using ModelContextProtocol.Protocol;
using Xunit;

namespace EnterpriseMcp.Tools.Testing;

public static class ToolResults
{
    public static string Text(this CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));

    /// <summary>The structured content of a successful result; fails the test with the tool's text otherwise.</summary>
    public static JsonElement Structured(this CallToolResult result)
    {
        Assert.True(result.IsError != true, result.Text());
        return result.StructuredContent!.Value;
    }

    public static JsonElement Rows(this CallToolResult result) => result.Structured().GetProperty("rows");
}
