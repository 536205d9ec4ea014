using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GalaxyCo.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProspectStageOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_prospects_workspace_id_stage_position",
                table: "prospects");

            migrationBuilder.AddColumn<short>(
                name: "stage_order",
                table: "prospects",
                type: "smallint",
                nullable: false,
                computedColumnSql: "CASE stage WHEN 'new' THEN 0 WHEN 'contacted' THEN 1 WHEN 'qualified' THEN 2 WHEN 'proposal' THEN 3 WHEN 'negotiation' THEN 4 WHEN 'won' THEN 5 WHEN 'lost' THEN 6 END",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_prospects_workspace_id_estimated_value",
                table: "prospects",
                columns: new[] { "workspace_id", "estimated_value" });

            migrationBuilder.CreateIndex(
                name: "ix_prospects_workspace_id_stage_order_position_id",
                table: "prospects",
                columns: new[] { "workspace_id", "stage_order", "position", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_prospects_workspace_id_estimated_value",
                table: "prospects");

            migrationBuilder.DropIndex(
                name: "ix_prospects_workspace_id_stage_order_position_id",
                table: "prospects");

            migrationBuilder.DropColumn(
                name: "stage_order",
                table: "prospects");

            migrationBuilder.CreateIndex(
                name: "ix_prospects_workspace_id_stage_position",
                table: "prospects",
                columns: new[] { "workspace_id", "stage", "position" });
        }
    }
}
