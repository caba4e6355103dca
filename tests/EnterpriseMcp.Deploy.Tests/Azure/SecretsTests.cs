using System.Text.Json.Nodes;

namespace EnterpriseMcp.Deploy.Tests.Azure;

/// <summary>
/// No secret is written down anywhere: the client secret is a secure parameter that goes only into the Key Vault, the
/// Redis connection string is made from the cache's key inside the deployment, and the apps read both with their identity.
/// </summary>
public sealed class SecretsTests
{
    private static JsonObject KeyVaultTemplate => AzureTemplate.Template(AzureTemplate.Module(AzureTemplate.Resources, "keyvault"));

    [Fact]
    public void Client_secret_is_a_secure_parameter_without_a_default()
    {
        var parameter = AzureTemplate.Main["parameters"]!["gatewayClientSecret"]!;

        Assert.Equal("securestring", (string?)parameter["type"]);
        Assert.Null(parameter["defaultValue"]);
    }

    [Fact]
    public void Every_secret_looking_parameter_is_secure_and_no_secure_parameter_has_a_default()
    {
        var parameters = AzureTemplate.AllTemplates(AzureTemplate.Main)
            .SelectMany(template => template["parameters"]?.AsObject() ?? [])
            .ToList();

        Assert.NotEmpty(parameters);
        foreach (var (name, parameter) in parameters)
        {
            var secure = (string?)parameter!["type"] is "securestring" or "secureObject";
            if (name.Contains("secret", StringComparison.OrdinalIgnoreCase) || name.Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                Assert.True(secure, $"Parameter '{name}' holds a secret but is not @secure().");
            }

            if (secure)
            {
                Assert.True(parameter["defaultValue"] is null, $"Secure parameter '{name}' has a default value.");
            }
        }
    }

    [Fact]
    public void Client_secret_goes_into_the_key_vault_under_the_name_the_gateway_maps_back()
    {
        var secret = AzureTemplate.AllResources(KeyVaultTemplate)
            .Single(resource => (string?)resource["type"] == "Microsoft.KeyVault/vaults/secrets");

        Assert.Contains("Gateway--Identity--ClientSecret", (string?)secret["name"]);
        Assert.Equal("[parameters('gatewayClientSecret')]", (string?)secret["properties"]!["value"]);
    }

    [Fact]
    public void Apps_identity_reads_the_vault_as_key_vault_secrets_user_through_rbac()
    {
        var vault = AzureTemplate.ResourceOfType(KeyVaultTemplate, "Microsoft.KeyVault/vaults");
        var role = AzureTemplate.ResourceOfType(KeyVaultTemplate, "Microsoft.Authorization/roleAssignments")["properties"]!;
        var passed = AzureTemplate.Parameter(AzureTemplate.Module(AzureTemplate.Resources, "keyvault"), "readerPrincipalId");

        Assert.True(vault["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Contains("4633458b-17de-408a-b874-0445c86b69e6", AzureTemplate.Resolve(KeyVaultTemplate, role["roleDefinitionId"]));
        Assert.Equal("[parameters('readerPrincipalId')]", (string?)role["principalId"]);
        Assert.Contains("'identity'", (string?)passed);
        Assert.Contains("principalId", (string?)passed);
    }

    [Fact]
    public void Gateway_reads_its_client_secret_from_the_vault_with_the_managed_identity()
    {
        var environment = AzureTemplate.Environment("gateway");

        Assert.DoesNotContain("Gateway__Identity__ClientSecret", environment.Keys);
        Assert.Contains("'keyvault'", (string?)environment["KeyVault__Uri"]["value"]);
        Assert.Contains("clientId", (string?)environment["KeyVault__ClientId"]["value"]);
        Assert.Contains("'identity'", (string?)environment["KeyVault__ClientId"]["value"]);
    }

    [Fact]
    public void Redis_connection_string_is_made_from_the_caches_key_and_reaches_the_gateway_as_a_key_vault_reference()
    {
        var redisTemplate = AzureTemplate.Template(AzureTemplate.Module(AzureTemplate.Resources, "redis"));
        var stored = AzureTemplate.ResourceOfType(redisTemplate, "Microsoft.KeyVault/vaults/secrets");
        var cache = AzureTemplate.ResourceOfType(redisTemplate, "Microsoft.Cache/redis");
        var gateway = AzureTemplate.Module(AzureTemplate.Resources, "gateway");
        var variable = AzureTemplate.Environment("gateway")["ConnectionStrings__redis"];
        var reference = AzureTemplate.Parameter(gateway, "keyVaultReferences")!.AsArray()
            .Single(secret => (string?)secret!["name"] == (string?)variable["secretRef"])!;
        var appSecrets = AzureTemplate.ResourceOfType(AzureTemplate.Template(gateway), "Microsoft.App/containerApps")
            ["properties"]!["configuration"]!["copy"]!.AsArray().Single(copy => (string?)copy!["name"] == "secrets")!["input"]!;

        Assert.Contains("ConnectionStrings--redis", (string?)stored["name"]);
        Assert.Contains("listKeys(", (string?)stored["properties"]!["value"]);
        Assert.False(cache["properties"]!["enableNonSslPort"]!.GetValue<bool>());
        Assert.Null(variable["value"]);
        Assert.Contains("connectionStringSecretUri", (string?)reference["keyVaultUrl"]);
        // Each app secret is a Key Vault reference read with the identity, never a value.
        Assert.Equal("[parameters('identityId')]", (string?)appSecrets["identity"]);
        Assert.NotNull(appSecrets["keyVaultUrl"]);
        Assert.Null(appSecrets["value"]);
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("jira")]
    [InlineData("db")]
    public void No_app_is_given_a_secret_as_a_plain_value(string module)
    {
        var suspicious = AzureTemplate.Environment(module)
            .Where(pair => pair.Value["value"] is not null)
            .Select(pair => pair.Key)
            .Where(name => name.Contains("Secret", StringComparison.OrdinalIgnoreCase)
                || name.Contains("Password", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase));

        Assert.Empty(suspicious);
    }

    [Fact]
    public void No_output_carries_a_secret()
    {
        var outputs = AzureTemplate.AllTemplates(AzureTemplate.Main)
            .SelectMany(template => template["outputs"]?.AsObject() ?? [])
            .ToList();

        Assert.NotEmpty(outputs);
        Assert.All(outputs, pair =>
        {
            Assert.DoesNotContain("secure", (string?)pair.Value!["type"] ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", pair.Value!["value"]?.ToJsonString() ?? "", StringComparison.OrdinalIgnoreCase);
        });
    }
}
