using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Tools.Db.Databases;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Tools.Db.Results;

/// <summary>
/// A result as the model reads it (a text table, with the truncation notice spelled out) and as a program reads
/// it (structured content: columns, rows, row_count, truncated).
/// </summary>
internal static class ResultContent
{
    private const int MaxCellWidth = 60;

    public static CallToolResult From(QueryResult result, string? heading = null)
    {
        var structured = new JsonObject
        {
            ["columns"] = new JsonArray([.. result.Columns.Select(c => JsonValue.Create(c))]),
            ["rows"] = new JsonArray([.. result.Rows.Select(Row)]),
            ["row_count"] = result.Rows.Count,
            ["truncated"] = result.Truncated is not null,
        };
        var text = new StringBuilder();
        if (heading is not null)
        {
            text.AppendLine(heading);
        }

        AppendTable(text, result);
        text.Append(result.Rows.Count == 1 ? "(1 row)" : $"({result.Rows.Count} rows)");
        if (result.Truncated is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nTRUNCATED: {result.Truncated}.");
        }

        return new CallToolResult { Content = [new TextContentBlock { Text = text.ToString() }], StructuredContent = JsonSerializer.SerializeToElement(structured) };
    }

    private static JsonNode Row(object?[] row) =>
        new JsonArray([.. row.Select(value => value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType()))]);

    private static void AppendTable(StringBuilder text, QueryResult result)
    {
        var cells = result.Rows.Select(row => row.Select(Cell).ToArray()).ToList();
        var widths = result.Columns.Select((column, i) => Math.Max(column.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        AppendLine(text, result.Columns, widths);
        text.AppendJoin("-+-", widths.Select(w => new string('-', w))).AppendLine();
        foreach (var row in cells)
        {
            AppendLine(text, row, widths);
        }
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> values, int[] widths)
    {
        text.AppendJoin(" | ", values.Select((value, i) => value.PadRight(widths[i]))).AppendLine();
    }

    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => "NULL",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        text = text.ReplaceLineEndings(" ");
        return text.Length <= MaxCellWidth ? text : text[..(MaxCellWidth - 1)] + "…";
    }
}
