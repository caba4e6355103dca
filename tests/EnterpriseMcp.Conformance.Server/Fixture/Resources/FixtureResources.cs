using System.ComponentModel;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Resources;

/// <summary>A text, a binary, a subscribable resource and a resource template.</summary>
internal static class FixtureResources
{
    private const string StaticTextUri = "test://static-text";
    private const string StaticBinaryUri = "test://static-binary";
    private const string WatchedUri = "test://watched-resource";

    public static IEnumerable<McpServerResource> Create() => AttributedPrimitives.Resources(typeof(Definitions));

    private static class Definitions
    {
        [McpServerResource(UriTemplate = StaticTextUri, Name = "static-text", Title = "Static Text Resource", MimeType = "text/plain")]
        [Description("A fixed piece of text.")]
        public static TextResourceContents StaticText() => new()
        {
            Uri = StaticTextUri,
            MimeType = "text/plain",
            Text = "This is the content of the static text resource.",
        };

        [McpServerResource(UriTemplate = StaticBinaryUri, Name = "static-binary", Title = "Static Binary Resource", MimeType = "image/png")]
        [Description("A 1x1 PNG image.")]
        public static BlobResourceContents StaticBinary() =>
            BlobResourceContents.FromBytes(FixtureMedia.RedPixelPng, StaticBinaryUri, "image/png");

        [McpServerResource(UriTemplate = WatchedUri, Name = "watched-resource", Title = "Watched Resource", MimeType = "text/plain")]
        [Description("A resource clients can subscribe to.")]
        public static TextResourceContents Watched() => new()
        {
            Uri = WatchedUri,
            MimeType = "text/plain",
            Text = "Watched resource content",
        };

        [McpServerResource(UriTemplate = "test://template/{id}/data", Name = "template-data", Title = "Resource Template", MimeType = "application/json")]
        [Description("JSON data for any id.")]
        public static TextResourceContents TemplateData([Description("The id to describe")] string id) => new()
        {
            Uri = $"test://template/{id}/data",
            MimeType = "application/json",
            Text = new JsonObject { ["id"] = id, ["templateTest"] = true, ["data"] = $"Data for ID: {id}" }.ToJsonString(),
        };
    }
}
