using System.Text;
using EnterpriseMcp.AppHost.Resources;

namespace EnterpriseMcp.AppHost.Cli;

/// <summary>The resources as a table: name, state, health, restarts, process, URL, and what happened last.</summary>
public static class ResourceTable
{
    public static string Render(IEnumerable<ResourceStatus> resources)
    {
        string[] header = ["RESOURCE", "STATE", "HEALTH", "RESTARTS", "PID", "URL", ""];
        var rows = resources.Select(status => new[]
        {
            status.Name,
            status.State.ToString(),
            status.Health.ToString(),
            status.Restarts.ToString(),
            status.ProcessId?.ToString() ?? "-",
            status.Url.ToString().TrimEnd('/'),
            status.Detail ?? "",
        }).ToList();
        var widths = header.Select((title, column) => rows.Select(row => row[column].Length).Prepend(title.Length).Max()).ToArray();
        var table = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            var line = string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column])));
            table.Append("  ").Append(line.TrimEnd()).Append('\n');
        }

        return table.ToString().TrimEnd();
    }
}
