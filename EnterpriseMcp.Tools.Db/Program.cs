using EnterpriseMcp.Tools.Db;

DbServerApp.Create(args).Run();
