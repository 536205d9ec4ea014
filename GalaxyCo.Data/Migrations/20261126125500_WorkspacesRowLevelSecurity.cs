using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GalaxyCo.Data.Migrations
{
    /// <summary>
    /// workspaces had no RLS, and foreign-key cascades ignore RLS: the app role could rename or delete another
    /// workspace (and by cascade all its data). Reads stay open (slug lookup, switcher, system-admin console);
    /// every write must come from inside the workspace it touches.
    /// </summary>
    [DbContext(typeof(GalaxyDbContext))]
    [Migration("20261126125500_WorkspacesRowLevelSecurity")]
    public partial class WorkspacesRowLevelSecurity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
                ALTER TABLE workspaces FORCE ROW LEVEL SECURITY;
                CREATE POLICY workspaces_read ON workspaces FOR SELECT USING (true);
                CREATE POLICY workspaces_insert ON workspaces FOR INSERT WITH CHECK (id = {RowLevelSecurity.CurrentWorkspace});
                CREATE POLICY workspaces_update ON workspaces FOR UPDATE
                    USING (id = {RowLevelSecurity.CurrentWorkspace}) WITH CHECK (id = {RowLevelSecurity.CurrentWorkspace});
                CREATE POLICY workspaces_delete ON workspaces FOR DELETE USING (id = {RowLevelSecurity.CurrentWorkspace});
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP POLICY IF EXISTS workspaces_read ON workspaces;
                DROP POLICY IF EXISTS workspaces_insert ON workspaces;
                DROP POLICY IF EXISTS workspaces_update ON workspaces;
                DROP POLICY IF EXISTS workspaces_delete ON workspaces;
                ALTER TABLE workspaces NO FORCE ROW LEVEL SECURITY;
                ALTER TABLE workspaces DISABLE ROW LEVEL SECURITY;
                """);
        }
    }
}
