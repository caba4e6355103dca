using Microsoft.Data.Sqlite;

namespace EnterpriseMcp.Tools.Db.Databases.Sqlite;

/// <summary>
/// The embedded default: a small company (departments, employees, projects, assignments, documents with a
/// full-text index), created on first start in a file of its own, then served read-only.
/// </summary>
internal static class SampleDataset
{
    public static void EnsureCreated(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Built under another name and moved in place, so a crash half-way never leaves a half-made database.
        var building = path + ".building";
        File.Delete(building);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = building, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Schema + Rows;
            command.ExecuteNonQuery();
        }

        File.Move(building, path);
    }

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, location TEXT NOT NULL);
        CREATE TABLE employees (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
            department_id INTEGER NOT NULL REFERENCES departments(id), manager_id INTEGER REFERENCES employees(id),
            hired_on TEXT NOT NULL, salary INTEGER NOT NULL);
        CREATE TABLE projects (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, department_id INTEGER NOT NULL REFERENCES departments(id),
            status TEXT NOT NULL CHECK (status IN ('planned', 'active', 'done')), budget INTEGER NOT NULL, starts_on TEXT NOT NULL);
        CREATE TABLE assignments (
            employee_id INTEGER NOT NULL REFERENCES employees(id), project_id INTEGER NOT NULL REFERENCES projects(id),
            role TEXT NOT NULL, hours_per_week INTEGER NOT NULL, PRIMARY KEY (employee_id, project_id));
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL,
            author_id INTEGER NOT NULL REFERENCES employees(id), updated_at TEXT NOT NULL);
        CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, content='documents', content_rowid='id');
        """;

    private const string Rows = """
        INSERT INTO departments VALUES
          (1, 'Engineering', 'Berlin'), (2, 'Sales', 'London'), (3, 'Finance', 'Zurich'), (4, 'People', 'Berlin');
        INSERT INTO employees VALUES
          (1, 'Ada Keller', 'ada.keller@example.com', 'VP Engineering', 1, NULL, '2019-03-01', 185000),
          (2, 'Ben Osei', 'ben.osei@example.com', 'Staff Engineer', 1, 1, '2020-06-15', 150000),
          (3, 'Chloe Martin', 'chloe.martin@example.com', 'Software Engineer', 1, 2, '2022-01-10', 110000),
          (4, 'Daniel Park', 'daniel.park@example.com', 'Site Reliability Engineer', 1, 2, '2021-09-01', 125000),
          (5, 'Elena Rossi', 'elena.rossi@example.com', 'Head of Sales', 2, NULL, '2018-11-20', 160000),
          (6, 'Farid Haddad', 'farid.haddad@example.com', 'Account Executive', 2, 5, '2023-02-01', 90000),
          (7, 'Grace Liu', 'grace.liu@example.com', 'Controller', 3, NULL, '2017-05-08', 140000),
          (8, 'Hugo Schmidt', 'hugo.schmidt@example.com', 'Financial Analyst', 3, 7, '2024-04-02', 85000),
          (9, 'Ines Duarte', 'ines.duarte@example.com', 'People Partner', 4, NULL, '2020-01-13', 95000),
          (10, 'Jonas Berg', 'jonas.berg@example.com', 'Software Engineer', 1, 2, '2025-07-01', 105000);
        INSERT INTO projects VALUES
          (1, 'MCP Gateway', 1, 'active', 400000, '2026-01-05'), (2, 'Billing Migration', 3, 'active', 250000, '2025-10-01'),
          (3, 'EMEA Expansion', 2, 'planned', 300000, '2027-01-01'), (4, 'Onboarding Revamp', 4, 'done', 60000, '2025-03-01');
        INSERT INTO assignments VALUES
          (2, 1, 'Tech lead', 30), (3, 1, 'Developer', 40), (4, 1, 'Operations', 20), (10, 1, 'Developer', 40),
          (8, 2, 'Analyst', 25), (7, 2, 'Sponsor', 5), (4, 2, 'Operations', 10), (6, 3, 'Account lead', 30),
          (5, 3, 'Sponsor', 5), (9, 4, 'Owner', 20);
        INSERT INTO documents VALUES
          (1, 'Travel expense policy', 'Book economy class for flights under six hours. Submit receipts within 30 days of travel.', 7, '2026-02-01'),
          (2, 'On-call handbook', 'The on-call engineer acknowledges pages within 15 minutes and writes a postmortem for every outage.', 4, '2026-05-12'),
          (3, 'Gateway architecture', 'The MCP gateway validates tokens, applies per-tool policy and relays calls to tool servers.', 2, '2026-09-30'),
          (4, 'Remote work guidelines', 'Employees may work remotely up to three days a week; core hours are 10:00 to 15:00.', 9, '2025-12-01'),
          (5, 'Quarterly sales playbook', 'Qualify leads with budget, authority, need and timeline before booking a demo.', 5, '2026-07-01'),
          (6, 'Security review checklist', 'Every new service needs threat modelling, dependency scanning and a penetration test before launch.', 1, '2026-03-15');
        INSERT INTO documents_fts (rowid, title, body) SELECT id, title, body FROM documents;
        """;
}
