using System.Globalization;
using System.IO.Pipelines;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary><c>audit query</c> (a table, or JSON lines) and <c>audit export</c> (JSON lines to a file or standard output).</summary>
internal static partial class AuditCommand
{
    private static async Task<int> QueryAsync(IAuditStore store, AuditQuery query, bool json, Stream output, CancellationToken cancellationToken)
    {
        if (json)
        {
            await AuditExport.WriteLinesAsync(store, query, PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true)), cancellationToken);
            return Done;
        }

        var rows = new List<string[]> { new[] { "SEQUENCE", "TIME (UTC)", "OUTCOME", "USER", "NAME", "BACKEND", "RULE / ERROR" } };
        var last = 0L;
        var count = 0;
        await foreach (var stored in store.QueryAsync(query with { Limit = query.Limit + 1 }, cancellationToken))
        {
            if (++count > query.Limit)
            {
                break;
            }

            var record = AuditChain.RecordOf(stored.Body);
            last = stored.Sequence;
            rows.Add([
                stored.Sequence.ToString(CultureInfo.InvariantCulture), stored.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                stored.Outcome.ToString(), stored.Subject ?? "-", stored.Name ?? "-", record?.Backend ?? "-", record?.Rule ?? record?.ErrorType ?? "-",
            ]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        await using var text = new StreamWriter(output, leaveOpen: true);
        foreach (var row in rows)
        {
            await text.WriteLineAsync(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }

        await text.WriteLineAsync(count > query.Limit
            ? $"{query.Limit} record(s); more after --after {last}."
            : $"{rows.Count - 1} record(s).");
        return Done;
    }

    private static async Task<int> ExportAsync(IAuditStore store, AuditQuery query, string? file, Stream output, CancellationToken cancellationToken)
    {
        await using var target = file is null ? null : new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.Read, 1, useAsync: true);
        var writer = PipeWriter.Create(target ?? output, new StreamPipeWriterOptions(leaveOpen: true));
        await AuditExport.WriteLinesAsync(store, query, writer, cancellationToken);
        await writer.CompleteAsync();
        return Done;
    }
}
