using GalaxyCo.Data.Crm;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GalaxyCo.Data.Migrations
{
    /// <inheritdoc />
    public partial class CrmTagTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddTagTerms();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo that matters: "#tag" terms left behind never match a word search (words have no "#"),
            // and the trigger functions keep working with crm_record_terms in place.
        }
    }
}
