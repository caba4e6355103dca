using Npgsql;

namespace EnterpriseMcp.AppHost.Postgres;

/// <summary>
/// What the Db tool server reads on PostgreSQL: the database <c>enterprise_mcp</c> with a few tables of a small company,
/// the login <c>mcp_app</c> it connects as, and the role <c>mcp_reader</c> it reads as (<c>Db__ReadOnlyRole</c>).
/// </summary>
public static class DemoDatabase
{
    public const string Name = "enterprise_mcp";
    public const string AppRole = "mcp_app";
    public const string ReadRole = "mcp_reader";

    /// <summary>Safe to run on every start, so that a cluster left half set up by an interrupted first start is completed.</summary>
    public const string Tables = $"""
        CREATE TABLE IF NOT EXISTS customers (id serial PRIMARY KEY, name text NOT NULL, country text NOT NULL, since date NOT NULL);
        CREATE TABLE IF NOT EXISTS orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, total numeric(10,2) NOT NULL, placed_at timestamptz NOT NULL);
        INSERT INTO customers (name, country, since)
          SELECT * FROM (VALUES ('Northwind Traders', 'US', DATE '2021-03-14'), ('Contoso Pharmaceuticals', 'DE', DATE '2022-07-01'),
                                ('Fabrikam Residences', 'FR', DATE '2023-01-20'), ('Tailspin Toys', 'GB', DATE '2024-11-05')) AS demo
          WHERE NOT EXISTS (SELECT 1 FROM customers);
        INSERT INTO orders (customer_id, total, placed_at)
          SELECT 1 + i % 4, round((20 + i * 7.5)::numeric, 2), TIMESTAMPTZ '2026-01-01' + i * INTERVAL '3 days' FROM generate_series(1, 40) AS i
          WHERE NOT EXISTS (SELECT 1 FROM orders);
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO {AppRole};
        """;

    /// <summary>
    /// The read role as the Db server's README sets it up: the login may switch to it, it holds none of the login's
    /// privileges (so one caller cannot see or cancel another's statement), and only the login may call
    /// <c>set_config</c> or write <c>DO</c> blocks, the two ways back to the login from inside a statement.
    /// </summary>
    public const string ReadRoleSetup = $"""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{ReadRole}') THEN CREATE ROLE {ReadRole} NOLOGIN; END IF;
        END $$;
        GRANT {ReadRole} TO {AppRole};
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO {ReadRole};
        REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) TO {AppRole};
        REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC;
        """;

    /// <summary>
    /// Creates what is missing, as the superuser. The login's password is set on every start, so that it follows its
    /// parameter when that changes (user secrets cleared, or given on the command line).
    /// </summary>
    public static async Task SetUpAsync(NpgsqlConnectionStringBuilder superuser, string appPassword, CancellationToken cancellationToken)
    {
        await using (var server = new NpgsqlConnection(superuser.ConnectionString))
        {
            await server.OpenAsync(cancellationToken);
            var verb = await ExistsAsync(server, $"SELECT 1 FROM pg_roles WHERE rolname = '{AppRole}'", cancellationToken) ? "ALTER" : "CREATE";
            // Utility statements take no parameters: the password goes in as a quoted literal.
            await ExecuteAsync(server, $"{verb} ROLE {AppRole} LOGIN PASSWORD '{appPassword.Replace("'", "''")}'", cancellationToken);
            if (!await ExistsAsync(server, $"SELECT 1 FROM pg_database WHERE datname = '{Name}'", cancellationToken))
            {
                await ExecuteAsync(server, $"CREATE DATABASE {Name}", cancellationToken);
            }
        }

        await using var database = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuser.ConnectionString) { Database = Name }.ConnectionString);
        await database.OpenAsync(cancellationToken);
        await ExecuteAsync(database, Tables, cancellationToken);
        await ExecuteAsync(database, ReadRoleSetup, cancellationToken);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
