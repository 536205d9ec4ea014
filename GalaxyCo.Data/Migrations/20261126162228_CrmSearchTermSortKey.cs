using GalaxyCo.Data.Crm;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GalaxyCo.Data.Migrations
{
    /// <inheritdoc />
    public partial class CrmSearchTermSortKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_crm_search_terms_workspace_id_record_type_term_record_id",
                table: "crm_search_terms");

            migrationBuilder.AddColumn<string>(
                name: "sort_key",
                table: "crm_search_terms",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            // Filled while the wide index is away: one index to maintain during the update instead of two.
            migrationBuilder.AddSearchTermSortKeys();

            migrationBuilder.CreateIndex(
                name: "ix_crm_search_terms_workspace_id_record_type_term_record_id",
                table: "crm_search_terms",
                columns: new[] { "workspace_id", "record_type", "term", "record_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "sort_key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_crm_search_terms_workspace_id_record_type_term_record_id",
                table: "crm_search_terms");

            migrationBuilder.DropColumn(
                name: "sort_key",
                table: "crm_search_terms");

            migrationBuilder.CreateIndex(
                name: "ix_crm_search_terms_workspace_id_record_type_term_record_id",
                table: "crm_search_terms",
                columns: new[] { "workspace_id", "record_type", "term", "record_id" });
        }
    }
}
