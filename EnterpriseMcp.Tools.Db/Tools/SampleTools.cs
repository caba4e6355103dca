using System.ComponentModel;
using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Tools.Db.Databases;
using EnterpriseMcp.Tools.Db.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Tools.Db.Tools;

/// <summary>The two example tools of the seed design, over the embedded sample dataset (registered only there).</summary>
internal static class SampleTools
{
    [McpServerTool(Name = "get_employee_info", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Shows one employee of the sample company: name, title, department, manager and projects.")]
    [RequiresScope("db.read")]
    public static async Task<CallToolResult> GetEmployeeInfo(IDatabase database,
        [Description("The employee's id, e.g. 3.")] int employee_id, CancellationToken cancellationToken)
    {
        var result = await database.QueryAsync("""
            SELECT e.id, e.name, e.email, e.title, d.name AS department, m.name AS manager, e.hired_on,
                   (SELECT group_concat(p.name || ' (' || a.role || ')', ', ') FROM assignments a
                    JOIN projects p ON p.id = a.project_id WHERE a.employee_id = e.id) AS projects
            FROM employees e JOIN departments d ON d.id = e.department_id LEFT JOIN employees m ON m.id = e.manager_id
            WHERE e.id = $1
            """, 1, cancellationToken, employee_id);
        return result.Rows.Count == 0
            ? throw new McpException($"There is no employee with id {employee_id}.")
            : ResultContent.From(result);
    }

    [McpServerTool(Name = "search_documents", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Full-text search over the sample company's documents; the best matches first.")]
    [RequiresScope("db.read")]
    public static async Task<CallToolResult> SearchDocuments(IDatabase database,
        [Description("Words to look for, e.g. expense receipts.")] string query, CancellationToken cancellationToken)
    {
        // Each word as a quoted phrase: the caller's text is searched for, never read as FTS5 query syntax.
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(word => "\"" + word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"").ToArray();
        if (words.Length == 0)
        {
            throw new McpException("query is empty: give some words to look for.");
        }

        return ResultContent.From(await database.QueryAsync("""
            SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12) AS excerpt, d.updated_at
            FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
            WHERE documents_fts MATCH $1 ORDER BY rank LIMIT 10
            """, 10, cancellationToken, string.Join(' ', words)));
    }
}
