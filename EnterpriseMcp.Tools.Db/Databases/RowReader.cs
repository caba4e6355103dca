using System.Data.Common;
using System.Globalization;

namespace EnterpriseMcp.Tools.Db.Databases;

/// <summary>
/// Reads at most <c>maxRows</c> rows and about <c>maxBytes</c> of values, turning each value into something JSON
/// carries unchanged (numbers, text, booleans, null; timestamps as ISO 8601, bytes as hex).
/// </summary>
internal static class RowReader
{
    public static async Task<QueryResult> ReadAsync(DbDataReader reader, int maxRows, int maxBytes, CancellationToken cancellationToken)
    {
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object?[]>();
        var bytes = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (rows.Count == maxRows)
            {
                return new(columns, rows, $"only the first {maxRows} rows are shown (max_rows)");
            }

            var row = new object?[columns.Length];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Portable(reader.GetValue(i));
                bytes += row[i] is string text ? text.Length : 8;
            }

            if (bytes > maxBytes)
            {
                return new(columns, rows, $"only the first {rows.Count} rows are shown: the result exceeds {maxBytes} bytes");
            }

            rows.Add(row);
        }

        return new(columns, rows, null);
    }

    private static object? Portable(object value) => value switch
    {
        string or bool or int or long or short or byte or double or float or decimal => value,
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("O", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        byte[] data => "\\x" + Convert.ToHexStringLower(data),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
