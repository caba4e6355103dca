using System.Net;
using System.Net.Sockets;
using EnterpriseMcp.Gateway.Configuration.KeyVault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Tests.Configuration.KeyVault;

public sealed class KeyVaultSecretsTests
{
    private const string Vault = "https://kv-test.vault.azure.net/";

    private static ConfigurationManager Configuration(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings);
        return configuration;
    }

    [Fact]
    public void Client_secret_is_read_from_the_vault_under_its_configuration_key()
    {
        var configuration = Configuration(new() { ["KeyVault:Uri"] = Vault, ["Gateway:Identity:ClientSecret"] = "from-the-environment" });
        var vault = new FakeSecretClient(new Dictionary<string, string> { ["Gateway--Identity--ClientSecret"] = "from-the-vault" });

        configuration.AddKeyVaultSecrets(_ => vault);

        Assert.Equal("from-the-vault", configuration["Gateway:Identity:ClientSecret"]);
        Assert.Equal(["Gateway--Identity--ClientSecret"], vault.Reads);
    }

    [Fact]
    public void Listed_secrets_map_double_dashes_to_sections()
    {
        var configuration = Configuration(new()
        {
            ["KeyVault:Uri"] = Vault,
            ["KeyVault:Secrets:0"] = "Gateway--Identity--ClientSecret",
            ["KeyVault:Secrets:1"] = "ConnectionStrings--redis",
        });
        var vault = new FakeSecretClient(new Dictionary<string, string>
        {
            ["Gateway--Identity--ClientSecret"] = "s3cret",
            ["ConnectionStrings--redis"] = "cache:6380,ssl=True",
            ["Unlisted"] = "never read",
        });

        configuration.AddKeyVaultSecrets(_ => vault);

        Assert.Equal("s3cret", configuration["Gateway:Identity:ClientSecret"]);
        Assert.Equal("cache:6380,ssl=True", configuration.GetConnectionString("redis"));
        Assert.Null(configuration["Unlisted"]);
        Assert.DoesNotContain("Unlisted", vault.Reads);
    }

    [Fact]
    public void Vault_is_read_once_at_start_not_on_each_lookup()
    {
        var configuration = Configuration(new() { ["KeyVault:Uri"] = Vault });
        var vault = new FakeSecretClient(new Dictionary<string, string> { ["Gateway--Identity--ClientSecret"] = "s3cret" });

        configuration.AddKeyVaultSecrets(_ => vault);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("s3cret", configuration["Gateway:Identity:ClientSecret"]);
        }

        Assert.Single(vault.Reads);
    }

    [Fact]
    public void Nothing_is_read_without_a_vault_uri()
    {
        var configuration = Configuration(new() { ["Gateway:Identity:ClientSecret"] = "from-the-environment" });
        var sources = configuration.Sources.Count;

        configuration.AddKeyVaultSecrets(_ => throw new InvalidOperationException("No client may be made without KeyVault:Uri."));

        Assert.Equal(sources, configuration.Sources.Count);
        Assert.Equal("from-the-environment", configuration["Gateway:Identity:ClientSecret"]);
    }

    [Fact]
    public void A_vault_refusing_the_identity_stops_the_start_naming_the_setting_and_the_role()
    {
        var configuration = Configuration(new()
        {
            ["KeyVault:Uri"] = Vault, ["KeyVault:ClientId"] = "6f1c2a4e-0000-4000-8000-00000000beef",
        });

        var error = Assert.Throws<InvalidOperationException>(() => configuration.AddKeyVaultSecrets(_ => new FakeSecretClient(new Dictionary<string, string>(), 403)));

        Assert.Contains("KeyVault:Uri", error.Message);
        Assert.Contains(Vault, error.Message);
        Assert.Contains("'Gateway--Identity--ClientSecret'", error.Message);
        Assert.Contains("Key Vault Secrets User", error.Message);
        Assert.Contains("KeyVault:ClientId", error.Message);
    }

    [Fact]
    public void A_missing_secret_stops_the_start_naming_it_and_the_list_setting()
    {
        var configuration = Configuration(new() { ["KeyVault:Uri"] = Vault });

        var error = Assert.Throws<InvalidOperationException>(() => configuration.AddKeyVaultSecrets(_ => new FakeSecretClient(new Dictionary<string, string>())));

        Assert.Contains("has no secret 'Gateway--Identity--ClientSecret'", error.Message);
        Assert.Contains("KeyVault:Secrets", error.Message);
    }

    [Fact]
    public void Invalid_settings_are_reported_together_each_naming_its_key()
    {
        var configuration = Configuration(new()
        {
            ["KeyVault:Uri"] = "http://kv-test.vault.azure.net/", ["KeyVault:ClientId"] = "my-identity", ["KeyVault:Secrets:0"] = "Gateway:Identity:ClientSecret",
        });

        var error = Assert.Throws<OptionsValidationException>(() => configuration.AddKeyVaultSecrets(_ => throw new InvalidOperationException("not reached")));

        Assert.Contains(error.Failures, failure => failure.StartsWith("KeyVault:Uri", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.StartsWith("KeyVault:ClientId", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.StartsWith("KeyVault:Secrets:0", StringComparison.Ordinal));
    }

    [Fact]
    public void The_gateway_refuses_to_start_when_its_vault_cannot_be_reached()
    {
        // The SDK's own client, at a vault address where nothing listens: no credential is asked before the vault answers.
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var error = Assert.Throws<InvalidOperationException>(() => GatewayApp.Create(
            ["--urls", "http://127.0.0.1:0", $"--KeyVault:Uri=https://127.0.0.1:{port}/", "--KeyVault:ClientId=6f1c2a4e-0000-4000-8000-00000000beef"]));

        Assert.Contains($"from the Key Vault https://127.0.0.1:{port}/ (KeyVault:Uri)", error.Message);
        Assert.Contains("Unset KeyVault:Uri", error.Message);
    }
}
