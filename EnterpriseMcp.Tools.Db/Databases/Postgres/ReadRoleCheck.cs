using EnterpriseMcp.Tools.Db.Configuration;
using ModelContextProtocol;
using Npgsql;

namespace EnterpriseMcp.Tools.Db.Databases.Postgres;

/// <summary>
/// Every caller reaches PostgreSQL through the same login, whose backends any session of that login may read
/// (<c>pg_stat_activity.query</c>) and signal (<c>pg_cancel_backend</c>, <c>pg_terminate_backend</c>). Reads run as
/// <c>Db:ReadOnlyRole</c> instead, which holds none of the login's privileges; this check refuses reads until that
/// role exists and a caller cannot switch back to the login from inside a statement (<c>set_config('role', ...)</c>,
/// a <c>DO</c> block that says <c>SET ROLE</c>). It passes once and is then not asked again.
/// </summary>
internal sealed class ReadRoleCheck(DbOptions options)
{
    private const string Key = $"{DbOptions.SectionName}:{nameof(DbOptions.ReadOnlyRole)}";

    private const string Probe = """
        SELECT r.rolsuper,
               pg_has_role(session_user, r.oid, 'MEMBER'),
               pg_has_role(r.oid, session_user, 'USAGE'),
               pg_has_role(r.oid, 'pg_signal_backend', 'USAGE') OR pg_has_role(r.oid, 'pg_read_all_stats', 'USAGE'),
               has_function_privilege(r.oid, 'pg_catalog.set_config(text, text, boolean)', 'EXECUTE'),
               (SELECT string_agg(l.lanname, ', ') FROM pg_language l
                WHERE l.lanpltrusted AND l.lanname <> 'sql' AND has_language_privilege(r.oid, l.oid, 'USAGE'))
        FROM pg_roles r WHERE r.rolname = $1
        """;

    private volatile bool _passed;

    public async Task EnsureAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (_passed)
        {
            return;
        }

        if (options.ReadOnlyRole is not { Length: > 0 } role)
        {
            if (options.RequireReadOnlyRole)
            {
                throw new McpException($"Reads are refused: {Key} is not set, so every caller would be the same PostgreSQL role and could " +
                    $"see and cancel the others' statements. Create a read role as the Db server's README shows and set {Key} " +
                    $"(or set {DbOptions.SectionName}:{nameof(DbOptions.RequireReadOnlyRole)} to false to accept a shared role).");
            }

            _passed = true;
            return;
        }

        var problems = await FindProblemsAsync(connection, transaction, role, cancellationToken);
        if (problems.Count > 0)
        {
            throw new McpException($"Reads are refused: {Key} '{role}' would not keep callers apart: {string.Join("; ", problems)}. " +
                "The Db server's README shows how to set the role up.");
        }

        _passed = true;
    }

    private static async Task<List<string>> FindProblemsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string role,
        CancellationToken cancellationToken)
    {
        await using var probe = new NpgsqlCommand(Probe, connection, transaction) { Parameters = { new() { Value = role } } };
        await using var reader = await probe.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return ["there is no role of that name"];
        }

        var problems = new List<string>();
        void Check(bool problem, string message)
        {
            if (problem)
            {
                problems.Add(message);
            }
        }

        Check(reader.GetBoolean(0), "it is a superuser");
        Check(!reader.GetBoolean(1), "the login is not a member of it (GRANT <role> TO <login>)");
        Check(reader.GetBoolean(2), "it has the login's privileges, so it may read and stop every caller's statements");
        Check(reader.GetBoolean(3), "it may read or signal every backend (pg_read_all_stats or pg_signal_backend)");
        Check(reader.GetBoolean(4), "it may execute set_config, which switches back to the login (REVOKE EXECUTE ON FUNCTION " +
            "pg_catalog.set_config(text, text, boolean) FROM PUBLIC, and from the role)");
        Check(!reader.IsDBNull(5), $"it may use the language(s) {(reader.IsDBNull(5) ? "" : reader.GetString(5))}, whose DO blocks can SET ROLE " +
            "back to the login (REVOKE USAGE ON LANGUAGE ... FROM PUBLIC, and from the role)");
        return problems;
    }
}
