using EnterpriseMcp.AppHost.Cli;

return await AppHostCommandLine.RunAsync(args);
