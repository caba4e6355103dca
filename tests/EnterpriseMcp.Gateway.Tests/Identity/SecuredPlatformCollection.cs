using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.Identity;

/// <summary>One authorization server, tool servers and gateway for every identity test: starting them is most of the cost.</summary>
[CollectionDefinition(Name)]
public sealed class SecuredPlatformCollection : ICollectionFixture<SecuredPlatform>
{
    public const string Name = "secured platform";
}
