using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GalaxyCo.Data.Migrations
{
    /// <inheritdoc />
    public partial class HomeFigureIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_invoices_workspace_id_status",
                table: "invoices");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_workspace_id_status_due_date",
                table: "tasks",
                columns: new[] { "workspace_id", "status", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_prospects_workspace_id_stage",
                table: "prospects",
                columns: new[] { "workspace_id", "stage" })
                .Annotation("Npgsql:IndexInclude", new[] { "estimated_value" });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_workspace_id_status",
                table: "invoices",
                columns: new[] { "workspace_id", "status" })
                .Annotation("Npgsql:IndexInclude", new[] { "total", "amount_paid" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tasks_workspace_id_status_due_date",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_prospects_workspace_id_stage",
                table: "prospects");

            migrationBuilder.DropIndex(
                name: "ix_invoices_workspace_id_status",
                table: "invoices");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_workspace_id_status",
                table: "invoices",
                columns: new[] { "workspace_id", "status" });
        }
    }
}
