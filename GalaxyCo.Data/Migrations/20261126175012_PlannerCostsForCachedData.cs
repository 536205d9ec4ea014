using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GalaxyCo.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlannerCostsForCachedData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The default random_page_cost (4) prices an index read by key as 4x a sequential one: right for spinning
            // disks, wrong for a working set in memory or on SSD. With it PostgreSQL reads a whole workspace's
            // calendar through the (workspace_id) index, its rows lying in insert order, instead of the start-time
            // index a month needs (100 ms instead of a few). 1.1 is the usual SSD setting. Only the database's
            // owner may set it; without that right the migration leaves it to the operator (see README).
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    EXECUTE format('ALTER DATABASE %I SET random_page_cost = 1.1', current_database());
                EXCEPTION WHEN insufficient_privilege THEN
                    RAISE NOTICE 'random_page_cost not set: the migrating role does not own the database';
                END $$;
                """);


        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    EXECUTE format('ALTER DATABASE %I RESET random_page_cost', current_database());
                EXCEPTION WHEN insufficient_privilege THEN
                    NULL;
                END $$;
                """);


        }
    }
}
