using EnterpriseMcp.Gateway;

GatewayApp.Create(args).Run();
