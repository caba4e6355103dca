using EnterpriseMcp.Gateway;
using EnterpriseMcp.Gateway.Admin;

if (AdminCommands.Find(args) is { } command)
{
    return await command(args[1..]);
}

await GatewayApp.Create(args).RunAsync();
return 0;
