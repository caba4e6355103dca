using EnterpriseMcp.Tools.Testing;

[assembly: AssemblyFixture(typeof(EnterpriseMcp.Tools.Db.Tests.Infrastructure.PostgresServer))]

namespace EnterpriseMcp.Tools.Db.Tests.Infrastructure;

/// <summary>
/// The Db tests' PostgreSQL (a <see cref="PostgresCluster"/>) for the whole test run. The server under test logs in as
/// <see cref="AppRole"/>, a non-superuser, and reads as <see cref="ReadRole"/>, set up as the README says; both may write
/// the demo tables: what stops writes through <c>query</c> is the read-only transaction, not a lack of grants.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string AppRole = "mcp_app";
    public const string ReadRole = "mcp_reader";

    private readonly PostgresCluster _cluster = new(Setup);

    public string SuperuserConnectionString => _cluster.SuperuserConnectionString;

    public string AppConnectionString => $"Host=127.0.0.1;Port={_cluster.Port};Username={AppRole};Password=app-password;Database=postgres";

    /// <summary>The Db server's settings for this database: the app login and the read role.</summary>
    public Dictionary<string, string?> ServerSettings() => new()
    {
        ["ConnectionStrings:db"] = AppConnectionString,
        ["Db:ReadOnlyRole"] = ReadRole,
    };

    public async ValueTask InitializeAsync() => await _cluster.StartAsync();

    public Task ExecuteAsync(string sql) => _cluster.ExecuteAsync(sql);

    public Task<long> CountAsync(string sql) => _cluster.CountAsync(sql);

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    private const string Setup = """
        CREATE ROLE mcp_app LOGIN PASSWORD 'app-password' NOSUPERUSER;
        CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, vip boolean NOT NULL DEFAULT false, joined date NOT NULL, notes jsonb, photo bytea);
        INSERT INTO customers (name, vip, joined, notes, photo) SELECT 'customer ' || i, i % 7 = 0, DATE '2026-01-01' + i, '{"tier": 1}', '\x0102' FROM generate_series(1, 500) AS i;
        CREATE SEQUENCE invoice_numbers;
        CREATE TABLE audit_log (id serial PRIMARY KEY, entry text NOT NULL);
        CREATE FUNCTION log_and_count() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit_log (entry) VALUES ('called'); RETURN (SELECT count(*) FROM audit_log); END $$;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO mcp_app;
        GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA public TO mcp_app;
        GRANT CREATE ON SCHEMA public TO mcp_app;
        CREATE ROLE mcp_reader NOLOGIN;
        GRANT mcp_reader TO mcp_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO mcp_reader;
        GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA public TO mcp_reader;
        REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) TO mcp_app;
        REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC
        """;
}
