using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GalaxyCo.Data.Migrations
{
    /// <inheritdoc />
    public partial class CrmListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_prospects_workspace_id_name_id",
                table: "prospects",
                columns: new[] { "workspace_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_workspace_id_name_id",
                table: "customers",
                columns: new[] { "workspace_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_workspace_id_last_name_first_name_id",
                table: "contacts",
                columns: new[] { "workspace_id", "last_name", "first_name", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_prospects_workspace_id_name_id",
                table: "prospects");

            migrationBuilder.DropIndex(
                name: "ix_customers_workspace_id_name_id",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_contacts_workspace_id_last_name_first_name_id",
                table: "contacts");
        }
    }
}
