using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GalaxyCo.Domain.Tests.Tenancy;

/// <summary>
/// Layer 3 as the catalog describes it: every table with a workspace_id column is a tenant table, and every tenant
/// table is shaped so that PostgreSQL itself enforces the workspace boundary for the app role.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TenancyCatalogTests(PostgresDatabase db)
{
    /// <summary>The seed's 17 tenant tables.</summary>
    private static readonly string[] SeedTenantTables =
    [
        "workspace_members", "agents", "agent_executions", "agent_schedules", "knowledge_collections", "knowledge_items",
        "customers", "contacts", "prospects", "projects", "tasks", "calendar_events", "invoices", "email_threads",
        "notifications", "webhooks", "audit_logs",
    ];

    /// <summary>
    /// Permissive policies other than the tenant one widen what a role sees (policies are OR-ed), so each is reviewed
    /// and listed here: table, policy, command and the app setting its USING clause must key on.
    /// </summary>
    private static readonly (string Table, string Policy, string Command, string Setting)[] ReviewedExtraPolicies =
    [
        ("workspace_members", "own_memberships", "SELECT", "app.user_id"),
    ];

    [Fact]
    public async Task Catalog_TenantTables_IncludeTheSeventeenSeedTables_PlusInvitationsAndOutbox()
    {
        var tables = await db.GetTenantTablesAsync();

        Assert.Equal(17, SeedTenantTables.Length);
        var missing = SeedTenantTables.Concat(["workspace_invitations", "outbox_messages"]).Except(tables).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Catalog_TenantTables_AreExactlyTheEfModelsTenantOwnedEntities()
    {
        var tables = await db.GetTenantTablesAsync();
        await using var context = db.CreateContext(new TenantContext());
        var modelled = context.Model.GetEntityTypes()
            .Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType))
            .Select(e => e.GetTableName()!)
            .Order(StringComparer.Ordinal)
            .ToList();

        // A tenant table outside the model has no query filter or write guard; a tenant entity outside the catalog
        // (no workspace_id column) has no RLS.
        Assert.Equal(modelled, tables.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Catalog_EveryTenantTable_HasWorkspaceIdNotNull_WithForeignKeyToWorkspacesOnDeleteCascade()
    {
        await using var connection = await db.OpenSuperuserConnectionAsync();
        var rows = await QueryAsync(connection, """
            select c.relname,
                   a.attnotnull,
                   format_type(a.atttypid, a.atttypmod),
                   exists (
                       select 1 from pg_constraint k
                       where k.conrelid = c.oid and k.contype = 'f'
                         and k.conkey = array[a.attnum]
                         and k.confrelid = 'public.workspaces'::regclass
                         and k.confkey = array[(select attnum from pg_attribute
                                                where attrelid = 'public.workspaces'::regclass and attname = 'id')]
                         and k.confdeltype = 'c')
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attname = 'workspace_id' and a.attnum > 0 and not a.attisdropped
            where n.nspname = 'public' and c.relkind in ('r', 'p')
            order by c.relname
            """);

        Assert.NotEmpty(rows);
        var failures = new List<string>();
        foreach (var row in rows)
        {
            var table = (string)row[0];
            if (!(bool)row[1]) failures.Add($"{table}.workspace_id is nullable");
            if ((string)row[2] != "uuid") failures.Add($"{table}.workspace_id is {row[2]}, not uuid");
            if (!(bool)row[3]) failures.Add($"{table}.workspace_id has no FOREIGN KEY to workspaces(id) ON DELETE CASCADE");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Catalog_EveryTenantTable_HasRowLevelSecurityEnabledAndForced()
    {
        var tables = await db.GetTenantTablesAsync();
        await using var connection = await db.OpenSuperuserConnectionAsync();
        var rows = await QueryAsync(connection, """
            select c.relname, c.relrowsecurity, c.relforcerowsecurity
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relname = any(@tables)
            """, ("tables", tables.ToArray()));

        Assert.Equal(tables.Count, rows.Count);
        var failures = new List<string>();
        foreach (var row in rows)
        {
            if (!(bool)row[1]) failures.Add($"{row[0]}: row level security is not ENABLEd");
            if (!(bool)row[2]) failures.Add($"{row[0]}: row level security is not FORCEd (the owner would bypass it)");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Catalog_EveryTenantTable_HasAPolicyOnAppWorkspaceId_InBothUsingAndWithCheck()
    {
        var tables = await db.GetTenantTablesAsync();
        var policies = await GetPoliciesAsync();

        Assert.NotEmpty(tables);
        var failures = tables
            .Where(t => !policies.Any(p => p.Table == t && IsTenantIsolation(p)))
            .Select(t => $"{t}: no permissive FOR ALL policy TO public with USING and WITH CHECK both on " +
                         $"workspace_id = app.workspace_id (has: {string.Join("; ", policies.Where(p => p.Table == t).Select(p => p.ToString()))})")
            .ToList();
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Catalog_TenantTables_HaveNoPermissivePolicyBeyondTheReviewedOnes()
    {
        var tables = await db.GetTenantTablesAsync();
        var policies = await GetPoliciesAsync();

        var failures = new List<string>();
        foreach (var policy in policies.Where(p => tables.Contains(p.Table) && p.Permissive && !IsTenantIsolation(p)))
        {
            var reviewed = ReviewedExtraPolicies.SingleOrDefault(r => r.Table == policy.Table && r.Policy == policy.Name);
            if (reviewed == default)
                failures.Add($"unreviewed permissive policy widens access: {policy}");
            else if (policy.Command != reviewed.Command || policy.WithCheck is not null
                     || policy.Qual is null || !policy.Qual.Contains($"current_setting('{reviewed.Setting}'", StringComparison.Ordinal))
                failures.Add($"reviewed policy changed shape: {policy}");
        }
        Assert.Empty(failures);
        // The reviewed ones exist as reviewed (so this list cannot silently go stale).
        Assert.All(ReviewedExtraPolicies, r => Assert.Contains(policies, p => p.Table == r.Table && p.Name == r.Policy));
    }

    [Fact]
    public async Task Role_App_IsNotSuperuser_NorBypassRls_NorOwnerOfAnyTable()
    {
        await using var connection = await db.OpenSuperuserConnectionAsync();
        var role = Assert.Single(await QueryAsync(connection,
            "select rolsuper, rolbypassrls, rolcreaterole, rolcanlogin from pg_roles where rolname = @r", ("r", PostgresDatabase.AppRole)));
        Assert.False((bool)role[0], "galaxyco_app must not be superuser");
        Assert.False((bool)role[1], "galaxyco_app must not have BYPASSRLS");
        Assert.False((bool)role[2], "galaxyco_app must not have CREATEROLE");
        Assert.True((bool)role[3], "galaxyco_app must be able to log in");

        // Owning a relation (directly or through membership in the owning role) would let it ALTER ... NO FORCE/DISABLE RLS.
        var owned = await QueryAsync(connection, """
            select n.nspname || '.' || c.relname
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
              and pg_has_role(@r, c.relowner, 'MEMBER')
            """, ("r", PostgresDatabase.AppRole));
        Assert.Empty(owned.Select(r => (string)r[0]));

        var tables = Assert.Single(await QueryAsync(connection,
            "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'"));
        Assert.True((long)tables[0] > 0, "the schema has no tables to check ownership of");
    }

    [Fact]
    public async Task Role_App_HasOnlyDmlOnTenantTables_NoTruncateNoDdl()
    {
        var tables = await db.GetTenantTablesAsync();
        await using var connection = await db.OpenSuperuserConnectionAsync();

        var failures = new List<string>();
        foreach (var table in tables)
        {
            var privileges = Assert.Single(await QueryAsync(connection, """
                select has_table_privilege(@r, @t, 'SELECT'), has_table_privilege(@r, @t, 'INSERT'),
                       has_table_privilege(@r, @t, 'UPDATE'), has_table_privilege(@r, @t, 'DELETE'),
                       has_table_privilege(@r, @t, 'TRUNCATE'), has_table_privilege(@r, @t, 'TRIGGER'),
                       has_table_privilege(@r, @t, 'REFERENCES')
                """, ("r", PostgresDatabase.AppRole), ("t", "public." + PostgresDatabase.Quote(table))));
            if (!((bool)privileges[0] && (bool)privileges[1] && (bool)privileges[2] && (bool)privileges[3]))
                failures.Add($"{table}: app role lacks SELECT/INSERT/UPDATE/DELETE");
            // TRUNCATE ignores row-level security; TRIGGER/REFERENCES are not the app's business.
            if ((bool)privileges[4]) failures.Add($"{table}: app role may TRUNCATE (bypasses RLS)");
            if ((bool)privileges[5]) failures.Add($"{table}: app role may create triggers");
            if ((bool)privileges[6]) failures.Add($"{table}: app role may add references");
        }
        Assert.Empty(failures);

        var ddl = Assert.Single(await QueryAsync(connection,
            "select has_schema_privilege(@r, 'public', 'CREATE'), has_database_privilege(@r, current_database(), 'CREATE')",
            ("r", PostgresDatabase.AppRole)));
        Assert.False((bool)ddl[0], "galaxyco_app may CREATE in schema public");
        Assert.False((bool)ddl[1], "galaxyco_app may CREATE schemas in the database");
    }

    private sealed record Policy(string Table, string Name, bool Permissive, string[] Roles, string Command, string? Qual, string? WithCheck)
    {
        public override string ToString() =>
            $"{Table}.{Name} ({(Permissive ? "permissive" : "restrictive")} FOR {Command} TO {string.Join(",", Roles)} USING {Qual ?? "-"} WITH CHECK {WithCheck ?? "-"})";
    }

    private static bool IsTenantIsolation(Policy p) =>
        p.Permissive && p.Command == "ALL" && p.Roles is ["public"]
        && OnCurrentWorkspace(p.Qual) && OnCurrentWorkspace(p.WithCheck);

    /// <summary>The clause compares the row's workspace_id with the app.workspace_id setting.</summary>
    private static bool OnCurrentWorkspace(string? clause) =>
        clause is not null
        && clause.Contains("workspace_id = ", StringComparison.Ordinal)
        && clause.Contains("current_setting('app.workspace_id'", StringComparison.Ordinal);

    private async Task<List<Policy>> GetPoliciesAsync()
    {
        await using var connection = await db.OpenSuperuserConnectionAsync();
        var rows = await QueryAsync(connection, """
            select tablename::text, policyname::text, permissive = 'PERMISSIVE', roles::text[], cmd, qual, with_check
            from pg_policies where schemaname = 'public'
            """);
        return rows.Select(r => new Policy((string)r[0], (string)r[1], (bool)r[2], (string[])r[3], (string)r[4],
            r[5] as string, r[6] as string)).ToList();
    }

    private static async Task<List<object[]>> QueryAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }
}
