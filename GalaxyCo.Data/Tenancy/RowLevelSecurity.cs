using Microsoft.EntityFrameworkCore.Migrations;

namespace GalaxyCo.Data.Tenancy;

/// <summary>
/// Tenant isolation, layer 3: PostgreSQL row-level security, enabled and forced (so the table owner is bound too),
/// fail closed (with no app.workspace_id set nothing matches). The (select ...) form is evaluated once per statement.
/// Migrations call these; the SQL they emit is part of landed migrations, so it must never change — add a new method.
/// </summary>
public static class RowLevelSecurity
{
    public const string CurrentWorkspace = "(select nullif(current_setting('app.workspace_id', true), '')::uuid)";
    public const string CurrentUser = "(select nullif(current_setting('app.user_id', true), '')::uuid)";

    public static void EnableTenantIsolation(this MigrationBuilder migration, string table)
    {
        migration.Sql($"""
            ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
            ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON {table} FOR ALL
                USING (workspace_id = {CurrentWorkspace})
                WITH CHECK (workspace_id = {CurrentWorkspace});
            """);
    }

    public static void DisableTenantIsolation(this MigrationBuilder migration, string table) =>
        migration.Sql($"DROP POLICY IF EXISTS tenant_isolation ON {table}; ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY; ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;");

    /// <summary>The one read that crosses workspaces by design: a person sees their own memberships (workspace switcher).</summary>
    public static void AllowReadingOwnMemberships(this MigrationBuilder migration) =>
        migration.Sql($"""
            CREATE POLICY own_memberships ON workspace_members FOR SELECT
                USING (user_id = {CurrentUser});
            """);
}
