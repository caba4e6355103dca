using EnterpriseMcp.Tools.Testing;

namespace EnterpriseMcp.Tools.Db.Tests.Sqlite;

public sealed class ResourceServerTests
{
    [Fact]
    public Task With_an_authority_it_wants_a_token_and_publishes_its_scopes() =>
        ResourceServerProbe.AssertWantsTokenAndPublishesScopesAsync(DbServerApp.Create,
            new Dictionary<string, string?> { ["Db:EmbeddedDatabasePath"] = "{folder}/sample.db", ["Db:AllowWrites"] = "true" }, ["db.read", "db.write"]);
}
