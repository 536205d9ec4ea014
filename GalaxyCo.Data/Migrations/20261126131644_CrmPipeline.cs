using System;
using System.Collections.Generic;
using GalaxyCo.Data.Crm;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GalaxyCo.Data.Migrations
{
    /// <inheritdoc />
    public partial class CrmPipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crm_activities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    mentions = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_activities", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_activities_asp_net_users_actor_id",
                        column: x => x.actor_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_crm_activities_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_custom_fields",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    field_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    options = table.Column<List<string>>(type: "text[]", nullable: false),
                    required = table.Column<bool>(type: "boolean", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_custom_fields", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_custom_fields_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    match_rule = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    mapping = table.Column<string>(type: "jsonb", nullable: true),
                    total_rows = table.Column<int>(type: "integer", nullable: false),
                    processed_rows = table.Column<int>(type: "integer", nullable: false),
                    created_count = table.Column<int>(type: "integer", nullable: false),
                    updated_count = table.Column<int>(type: "integer", nullable: false),
                    skipped_count = table.Column<int>(type: "integer", nullable: false),
                    error_count = table.Column<int>(type: "integer", nullable: false),
                    failure_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reverted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_imports", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_imports_asp_net_users_created_by",
                        column: x => x.created_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_crm_imports_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_saved_views",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    shared = table.Column<bool>(type: "boolean", nullable: false),
                    filters = table.Column<string>(type: "jsonb", nullable: true),
                    columns = table.Column<List<string>>(type: "text[]", nullable: false),
                    sort = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_saved_views", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_saved_views_asp_net_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_crm_saved_views_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_search_terms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    record_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    term = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_search_terms", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_search_terms_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_import_rows",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    import_id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    before = table.Column<string>(type: "jsonb", nullable: true),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_import_rows", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_import_rows_crm_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "crm_imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_crm_import_rows_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_crm_activities_actor_id",
                table: "crm_activities",
                column: "actor_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_activities_created_at",
                table: "crm_activities",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_crm_activities_workspace_id",
                table: "crm_activities",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_activities_workspace_id_record_id_occurred_at",
                table: "crm_activities",
                columns: new[] { "workspace_id", "record_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_custom_fields_created_at",
                table: "crm_custom_fields",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_crm_custom_fields_workspace_id",
                table: "crm_custom_fields",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_custom_fields_workspace_id_record_type_key",
                table: "crm_custom_fields",
                columns: new[] { "workspace_id", "record_type", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_import_rows_created_at",
                table: "crm_import_rows",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_crm_import_rows_import_id",
                table: "crm_import_rows",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_import_rows_workspace_id",
                table: "crm_import_rows",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_imports_created_at",
                table: "crm_imports",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_crm_imports_created_by",
                table: "crm_imports",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "ix_crm_imports_workspace_id",
                table: "crm_imports",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_saved_views_created_at",
                table: "crm_saved_views",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_crm_saved_views_owner_id",
                table: "crm_saved_views",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_saved_views_workspace_id",
                table: "crm_saved_views",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_saved_views_workspace_id_record_type_owner_id",
                table: "crm_saved_views",
                columns: new[] { "workspace_id", "record_type", "owner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_search_terms_created_at",
                table: "crm_search_terms",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_crm_search_terms_record_id",
                table: "crm_search_terms",
                column: "record_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_search_terms_workspace_id",
                table: "crm_search_terms",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_search_terms_workspace_id_record_type_term_record_id",
                table: "crm_search_terms",
                columns: new[] { "workspace_id", "record_type", "term", "record_id" });

            migrationBuilder.CreateCrmSearchAndChangeTriggers();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCrmSearchAndChangeTriggers();

            migrationBuilder.DropTable(
                name: "crm_activities");

            migrationBuilder.DropTable(
                name: "crm_custom_fields");

            migrationBuilder.DropTable(
                name: "crm_import_rows");

            migrationBuilder.DropTable(
                name: "crm_saved_views");

            migrationBuilder.DropTable(
                name: "crm_search_terms");

            migrationBuilder.DropTable(
                name: "crm_imports");
        }
    }
}
