namespace EnterpriseMcp.AppHost.Postgres;

/// <summary>A few tables of a small company, so that the Db tool server has something to show on a fresh PostgreSQL.</summary>
internal static class DemoTables
{
    public const string Script = """
        CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, country text NOT NULL, since date NOT NULL);
        CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, total numeric(10,2) NOT NULL, placed_at timestamptz NOT NULL);
        INSERT INTO customers (name, country, since) VALUES
          ('Northwind Traders', 'US', '2021-03-14'), ('Contoso Pharmaceuticals', 'DE', '2022-07-01'),
          ('Fabrikam Residences', 'FR', '2023-01-20'), ('Tailspin Toys', 'GB', '2024-11-05');
        INSERT INTO orders (customer_id, total, placed_at)
          SELECT 1 + i % 4, round((20 + i * 7.5)::numeric, 2), TIMESTAMPTZ '2026-01-01' + i * INTERVAL '3 days' FROM generate_series(1, 40) AS i;
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO mcp_app;
        """;
}
