-- The bench's PostgreSQL: a login for the Db server (mcp_app) and the read role it reads as (mcp_reader), set up as
-- the Db server's README describes, and a table to read.
CREATE ROLE mcp_app LOGIN PASSWORD 'app-password';
CREATE TABLE employees (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO employees SELECT i, 'employee ' || i FROM generate_series(1, 50) i;
CREATE ROLE mcp_reader NOLOGIN;
GRANT mcp_reader TO mcp_app;
GRANT USAGE ON SCHEMA public TO mcp_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO mcp_reader;
REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) TO mcp_app;
REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC;
