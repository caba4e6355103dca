namespace EnterpriseMcp.Deploy.Tests.Azure;

/// <summary>The templates compile and pass bicep's linter without a single diagnostic, modules included.</summary>
public sealed class BicepBuildTests
{
    [Fact]
    public void Main_template_builds_without_warnings()
    {
        var build = AzureTemplate.Build;

        Assert.True(build.ExitCode == 0, build.Errors);
        Assert.Equal("", build.Errors.Trim());
    }

    [Fact]
    public void Linter_reports_nothing()
    {
        var lint = BicepCli.Run("lint", AzureTemplate.MainFile);

        Assert.True(lint.ExitCode == 0, lint.Errors + lint.Output);
        Assert.Equal("", (lint.Errors + lint.Output).Trim());
    }

    [Fact]
    public void Compiler_is_the_pinned_package()
    {
        var version = BicepCli.Run("--version");

        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("Bicep CLI version 0.", version.Output);
    }
}
