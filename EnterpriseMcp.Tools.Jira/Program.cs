using EnterpriseMcp.Tools.Jira;

JiraServerApp.Create(args).Run();
