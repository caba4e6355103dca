using System.ComponentModel;
using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Tools.Db.Databases;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Tools.Db.Tools;

/// <summary>The one writing tool; it exists only when <c>Db:AllowWrites</c> is on.</summary>
internal static class WriteTools
{
    [McpServerTool(Name = "execute", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Runs one SQL statement that changes data (INSERT, UPDATE, DELETE, DDL) in its own transaction and says how many rows it changed.")]
    [RequiresScope("db.write")]
    public static async Task<string> Execute(IDatabase database, [Description("One SQL statement.")] string sql,
        CancellationToken cancellationToken)
    {
        var changed = await database.ExecuteAsync(ReadTools.Required(sql), cancellationToken);
        return changed < 0 ? "Done." : $"Done: {changed} row(s) changed.";
    }
}
