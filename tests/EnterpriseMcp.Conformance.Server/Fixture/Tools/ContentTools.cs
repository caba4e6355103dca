using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>One tool per content block type, and one that fails.</summary>
internal static class ContentTools
{
    [McpServerTool(Name = "test_simple_text", ReadOnly = true)]
    [Description("Returns a fixed text block.")]
    public static string SimpleText() => "This is a simple text response for testing.";

    [McpServerTool(Name = "test_image_content", ReadOnly = true)]
    [Description("Returns a 1x1 PNG image block.")]
    public static ImageContentBlock ImageContent() =>
        ImageContentBlock.FromBytes(FixtureMedia.RedPixelPng, "image/png");

    [McpServerTool(Name = "test_audio_content", ReadOnly = true)]
    [Description("Returns a short WAV audio block.")]
    public static AudioContentBlock AudioContent() =>
        AudioContentBlock.FromBytes(FixtureMedia.SilenceWav, "audio/wav");

    [McpServerTool(Name = "test_embedded_resource", ReadOnly = true)]
    [Description("Returns an embedded text resource block.")]
    public static EmbeddedResourceBlock EmbeddedResource() => new()
    {
        Resource = new TextResourceContents
        {
            Uri = "test://embedded-resource",
            MimeType = "text/plain",
            Text = "This is an embedded resource content.",
        },
    };

    [McpServerTool(Name = "test_multiple_content_types", ReadOnly = true)]
    [Description("Returns text, image and embedded resource blocks together.")]
    public static IEnumerable<ContentBlock> MultipleContentTypes() =>
    [
        new TextContentBlock { Text = "Multiple content types test:" },
        ImageContentBlock.FromBytes(FixtureMedia.RedPixelPng, "image/png"),
        new EmbeddedResourceBlock
        {
            Resource = new TextResourceContents
            {
                Uri = "test://mixed-content-resource",
                MimeType = "application/json",
                Text = """{"test":"data","value":123}""",
            },
        },
    ];

    [McpServerTool(Name = "test_error_handling", ReadOnly = true)]
    [Description("Always fails, to show how a tool error reaches the client.")]
    public static CallToolResult ErrorHandling() => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = "This tool intentionally returns an error for testing" }],
    };
}
