namespace EnterpriseMcp.AppHost.Postgres;

/// <summary>
/// The role the Db tool server reads as (<c>Db__ReadOnlyRole</c>), set up as its README shows: the login may switch to
/// it, it holds none of the login's privileges (so one caller cannot read or stop another's statement), and nobody but
/// the login may call <c>set_config</c> or write <c>DO</c> blocks, the two ways back to the login inside a statement.
/// Safe to run again on every start.
/// </summary>
internal static class ReadRole
{
    public const string Name = "mcp_reader";

    public static string Script(string login) => $"""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{Name}') THEN CREATE ROLE {Name} NOLOGIN; END IF;
        END $$;
        GRANT {Name} TO {login};
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO {Name};
        REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) TO {login};
        REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC;
        """;
}
