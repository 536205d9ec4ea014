using GalaxyCo.Data.Crm;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GalaxyCo.Data.Migrations
{
    /// <inheritdoc />
    public partial class CrmSearchTermsSetBased : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_crm_search_terms_created_at",
                table: "crm_search_terms");

            migrationBuilder.DropIndex(
                name: "ix_crm_search_terms_workspace_id",
                table: "crm_search_terms");

            migrationBuilder.UseSetBasedSearchTerms();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.UsePerRowSearchTerms();

            migrationBuilder.CreateIndex(
                name: "ix_crm_search_terms_created_at",
                table: "crm_search_terms",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_crm_search_terms_workspace_id",
                table: "crm_search_terms",
                column: "workspace_id");
        }
    }
}
