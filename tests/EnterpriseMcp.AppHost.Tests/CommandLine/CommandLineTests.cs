using EnterpriseMcp.AppHost.Cli;
using EnterpriseMcp.AppHost.Orchestration;

namespace EnterpriseMcp.AppHost.Tests.CommandLine;

/// <summary>The AppHost's options: what each sets, and a clear refusal of what it does not know.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void With_no_options_the_system_runs_on_the_documented_ports_without_PostgreSQL()
    {
        var options = AppHostCommandLine.ParseRun([]);

        Assert.False(options.Postgres);
        Assert.Null(options.DataFolder);
        Assert.Equal(5200, options.Ports[ResourceNames.Gateway]);
        Assert.Equal(5100, options.Ports[ResourceNames.Identity]);
        Assert.Equal(TimeSpan.FromSeconds(90), options.StartTimeout);
    }

    [Fact]
    public void Free_ports_with_one_port_given_keeps_that_one()
    {
        var options = AppHostCommandLine.ParseRun(["--free-ports", "--gateway-port", "6200", "--postgres", "--data", "/tmp/x", "--start-timeout", "30"]);

        Assert.Equal(6200, options.Ports[ResourceNames.Gateway]);
        Assert.Equal(0, options.Ports[ResourceNames.Jira]);
        Assert.True(options.Postgres);
        Assert.Equal("/tmp/x", options.DataFolder);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StartTimeout);
    }

    [Theory]
    [InlineData(new[] { "--colour" }, "unknown option '--colour'")]
    [InlineData(new[] { "--gateway-port", "70000" }, "--gateway-port takes a number from 1 to 65535, not '70000'")]
    [InlineData(new[] { "--data" }, "--data needs a value")]
    [InlineData(new[] { "--mail-port", "25" }, "unknown option '--mail-port'")]
    public void A_bad_option_is_refused_naming_it(string[] arguments, string message)
    {
        var error = Assert.Throws<UsageException>(() => AppHostCommandLine.ParseRun(arguments));

        Assert.Equal(message + ".", error.Message);
    }

    [Fact]
    public void The_token_command_needs_a_user()
    {
        Assert.Contains("alice, bob or carol", Assert.Throws<UsageException>(() => TokenCommand.Parse([])).Message);
        Assert.Equal(new TokenCommand.Options("bob", "jira.read", "/d"), TokenCommand.Parse(["bob", "--scope", "jira.read", "--data", "/d"]));
    }
}
