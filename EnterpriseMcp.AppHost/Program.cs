using EnterpriseMcp.AppHost.Model;
using EnterpriseMcp.AppHost.Options;
using EnterpriseMcp.AppHost.Prerequisites;
using EnterpriseMcp.AppHost.Token;

try
{
    if (args is ["token", .. var tokenArguments])
    {
        return await TokenCommand.RunAsync(tokenArguments, Path.Combine(SystemModel.IdentityFolder, "identity.json"));
    }

    var options = AppHostOptions.Parse(args);
    var builder = DistributedApplication.CreateBuilder(options.AspireArguments);
    builder.AddEnterpriseMcp(options);
    await builder.Build().RunAsync();
    return 0;
}
catch (UsageException error)
{
    await Console.Error.WriteLineAsync($"EnterpriseMcp.AppHost: {error.Message}\n{AppHostOptions.Usage}");
    return 2;
}
catch (PrerequisiteException error)
{
    await Console.Error.WriteLineAsync($"EnterpriseMcp.AppHost: {error.Message}\n  what to do: {error.WhatToDo}");
    return 2;
}
