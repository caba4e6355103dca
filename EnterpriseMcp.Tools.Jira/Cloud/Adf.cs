using System.Text;
using System.Text.Json.Nodes;

namespace EnterpriseMcp.Tools.Jira.Cloud;

/// <summary>
/// Atlassian Document Format, the JSON rich text Jira Cloud v3 uses for descriptions and comments, to and from
/// plain text: paragraphs are separated by blank lines, line breaks become hard breaks.
/// </summary>
internal static class Adf
{
    public static JsonObject FromText(string text)
    {
        var paragraphs = new JsonArray();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var content = new JsonArray();
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    content.Add(new JsonObject { ["type"] = "hardBreak" });
                }

                if (lines[i].Length > 0)
                {
                    content.Add(new JsonObject { ["type"] = "text", ["text"] = lines[i] });
                }
            }

            paragraphs.Add(new JsonObject { ["type"] = "paragraph", ["content"] = content });
        }

        return new JsonObject { ["type"] = "doc", ["version"] = 1, ["content"] = paragraphs };
    }

    public static string? ToText(JsonNode? document)
    {
        if (document is not JsonObject)
        {
            return document?.GetValueKind() == System.Text.Json.JsonValueKind.String ? document.GetValue<string>() : null;
        }

        var text = new StringBuilder();
        Append(text, document, listMarker: null);
        return text.ToString().Trim();
    }

    private static void Append(StringBuilder text, JsonNode? node, string? listMarker)
    {
        if (node is not JsonObject element)
        {
            return;
        }

        switch ((string?)element["type"])
        {
            case "text":
                text.Append((string?)element["text"]);
                return;
            case "hardBreak":
                text.Append('\n');
                return;
            case "mention" or "emoji":
                text.Append((string?)element["attrs"]?["text"]);
                return;
            case "bulletList" or "orderedList":
                var number = 1;
                foreach (var item in element["content"]?.AsArray() ?? [])
                {
                    Append(text, item, (string?)element["type"] == "bulletList" ? "- " : $"{number++}. ");
                }

                return;
            case "listItem":
                text.Append(listMarker);
                AppendChildren(text, element);
                EndBlock(text, blankLine: false);
                return;
            case "paragraph" or "heading" or "codeBlock" or "blockquote":
                AppendChildren(text, element);
                if (listMarker is null)
                {
                    EndBlock(text, blankLine: true);
                }

                return;
            default:
                AppendChildren(text, element);
                return;
        }
    }

    private static void AppendChildren(StringBuilder text, JsonObject element)
    {
        foreach (var child in element["content"]?.AsArray() ?? [])
        {
            Append(text, child, listMarker: null);
        }
    }

    private static void EndBlock(StringBuilder text, bool blankLine)
    {
        while (text.Length > 0 && text[^1] == '\n')
        {
            text.Length--;
        }

        text.Append(blankLine ? "\n\n" : "\n");
    }
}
