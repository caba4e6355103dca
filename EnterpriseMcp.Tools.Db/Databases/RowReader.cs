using System.Data.Common;
using System.Globalization;
using System.Text;

namespace EnterpriseMcp.Tools.Db.Databases;

/// <summary>
/// Reads rows while keeping within <c>maxRows</c> and <c>maxBytes</c> of rendered values: text and binary values are
/// read in chunks only as far as the bytes left allow and cut there with a notice, so a value larger than the cap is
/// never whole in memory (with <see cref="System.Data.CommandBehavior.SequentialAccess"/>, not even in the driver).
/// Values become something JSON carries unchanged (numbers, text, booleans, null; timestamps as ISO 8601, bytes as hex),
/// and a value counts as the UTF-8 bytes of how it is rendered.
/// </summary>
/// <param name="streamed">
/// Whether the driver hands out text and bytes as streams (Npgsql with SequentialAccess). SQLite holds a whole value
/// in memory once the row is read, and its streams need a table behind the column, so there values are taken whole.
/// </param>
/// <param name="parseText">Turns a whole text value of a named database type back into a number or boolean.</param>
internal sealed class RowReader(int maxRows, int maxBytes, bool streamed = false, Func<string, string, object?>? parseText = null)
{
    private const int ChunkChars = 4096;
    private readonly List<object?[]> _rows = [];
    private string[] _columns = [];
    private string? _truncated;

    /// <summary>UTF-8 bytes of the values read so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>A cap was reached: read no further.</summary>
    public bool Full => _truncated is not null;

    public int RowCount => _rows.Count;

    public QueryResult Result => new(_columns, _rows, _truncated);

    public static async Task<QueryResult> ReadAsync(DbDataReader reader, int maxRows, int maxBytes, CancellationToken cancellationToken)
    {
        var rows = new RowReader(maxRows, maxBytes);
        await rows.ReadAsync(reader, cancellationToken);
        return rows.Result;
    }

    /// <summary>Adds the reader's rows until it ends or a cap is reached; may be called again with the next part of the same result.</summary>
    public async Task ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        if (_columns.Length == 0)
        {
            _columns = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
        }

        while (!Full && await reader.ReadAsync(cancellationToken))
        {
            if (_rows.Count == maxRows)
            {
                _truncated = $"only the first {maxRows} rows are shown (max_rows)";
                return;
            }

            var row = new object?[_columns.Length];
            _rows.Add(row);
            for (var i = 0; i < row.Length && !Full; i++)
            {
                row[i] = await ReadValueAsync(reader, i, cancellationToken);
            }
        }
    }

    private async Task<object?> ReadValueAsync(DbDataReader reader, int ordinal, CancellationToken cancellationToken)
    {
        if (await reader.IsDBNullAsync(ordinal, cancellationToken))
        {
            return Count(null, "null");
        }

        var type = reader.GetFieldType(ordinal);
        if (type == typeof(string))
        {
            using var text = streamed ? reader.GetTextReader(ordinal) : new StringReader(reader.GetString(ordinal));
            var (value, whole) = await ReadTextAsync(text, cancellationToken);
            return whole && parseText is not null ? parseText(reader.GetDataTypeName(ordinal), value) : value;
        }

        if (type == typeof(byte[]))
        {
            await using var data = streamed ? reader.GetStream(ordinal) : new MemoryStream(reader.GetFieldValue<byte[]>(ordinal));
            return await ReadHexAsync(data, cancellationToken);
        }

        var portable = Portable(reader.GetValue(ordinal));
        return Count(portable, Convert.ToString(portable, CultureInfo.InvariantCulture) ?? "");
    }

    private async Task<(string Value, bool Whole)> ReadTextAsync(TextReader text, CancellationToken cancellationToken)
    {
        var value = new StringBuilder();
        var buffer = new char[ChunkChars];
        int read;
        while ((read = await text.ReadBlockAsync(buffer.AsMemory(0, (int)Math.Min(ChunkChars, Left + 1)), cancellationToken)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            var bytes = Encoding.UTF8.GetByteCount(chunk);
            if (bytes > Left)
            {
                value.Append(Fitting(chunk));
                return (Cut(value), false);
            }

            Bytes += bytes;
            value.Append(chunk);
        }

        return (value.ToString(), true);
    }

    private async Task<string> ReadHexAsync(Stream data, CancellationToken cancellationToken)
    {
        var value = new StringBuilder("\\x");
        Bytes += 2;
        var buffer = new byte[ChunkChars / 2];
        int read;
        while ((read = await data.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, Left / 2 + 1)), cancellationToken)) > 0)
        {
            var fits = (int)Math.Min(read, Left / 2);
            value.Append(Convert.ToHexStringLower(buffer, 0, fits));
            Bytes += 2L * fits;
            if (fits < read)
            {
                return Cut(value);
            }
        }

        return value.ToString();
    }

    private long Left => Math.Max(0, maxBytes - Bytes);

    /// <summary>The longest start of <paramref name="chunk"/> within the bytes left, not splitting a surrogate pair.</summary>
    private string Fitting(ReadOnlySpan<char> chunk)
    {
        var length = 0;
        long bytes = 0;
        while (length < chunk.Length)
        {
            var width = char.IsHighSurrogate(chunk[length]) && length + 1 < chunk.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(chunk.Slice(length, width));
            if (bytes + size > Left)
            {
                break;
            }

            bytes += size;
            length += width;
        }

        Bytes += bytes;
        return chunk[..length].ToString();
    }

    private string Cut(StringBuilder value)
    {
        _truncated = $"only the first {_rows.Count} rows are shown: the result exceeds {maxBytes} bytes, and the last value shown is cut (…); " +
            "columns after it are empty";
        return value.Append('…').ToString();
    }

    private object? Count(object? value, string rendered)
    {
        var bytes = Encoding.UTF8.GetByteCount(rendered);
        if (bytes > Left)
        {
            _truncated = $"only the first {_rows.Count - 1} rows are shown: the result exceeds {maxBytes} bytes";
            _rows.RemoveAt(_rows.Count - 1);
            return null;
        }

        Bytes += bytes;
        return value;
    }

    private static object? Portable(object value) => value switch
    {
        string or bool or int or long or short or byte or double or float or decimal => value,
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("O", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
