using System.Text.Json.Nodes;
using EnterpriseMcp.Tools.Jira.Cloud;

namespace EnterpriseMcp.Tools.Jira.Tests.Cloud;

public sealed class AdfTests
{
    [Fact]
    public void Plain_text_round_trips_through_paragraphs_and_hard_breaks()
    {
        const string text = "First line\nsecond line\n\nA new paragraph.";

        var document = Adf.FromText(text);

        Assert.Equal("doc", (string?)document["type"]);
        Assert.Equal(1, (int?)document["version"]);
        Assert.Equal(2, document["content"]!.AsArray().Count);
        Assert.Equal("hardBreak", (string?)document["content"]![0]!["content"]![1]!["type"]);
        Assert.Equal(text, Adf.ToText(document));
    }

    [Fact]
    public void Lists_mentions_and_headings_read_as_text()
    {
        var document = JsonNode.Parse("""
            {"type":"doc","version":1,"content":[
              {"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"Steps"}]},
              {"type":"orderedList","content":[
                {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"Open the page"}]}]},
                {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"Ask "},{"type":"mention","attrs":{"id":"1","text":"@Bob"}}]}]}]}]}
            """);

        Assert.Equal("Steps\n\n1. Open the page\n2. Ask @Bob", Adf.ToText(document));
    }
}
