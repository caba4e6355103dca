using EnterpriseMcp.Conformance.Server;

ConformanceServerApp.Create(args).Run();
