namespace EnterpriseMcp.AppHost.Orchestration;

/// <summary>The resources' names: in the table, as log prefixes, in settings (<c>services__jira__http__0</c>) and in identity.json's resources.</summary>
public static class ResourceNames
{
    public const string AppHost = "apphost";
    public const string Postgres = "postgres";
    public const string Identity = "identity";
    public const string Jira = "jira";
    public const string Db = "db";
    public const string Gateway = "gateway";
}
