using GalaxyCo.Data.Knowledge;
﻿using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace GalaxyCo.Data.Migrations
{
    /// <inheritdoc />
    public partial class KnowledgeLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "chunk_count",
                table: "knowledge_items",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "content_hash",
                table: "knowledge_items",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "content_type",
                table: "knowledge_items",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "knowledge_items",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "simple");

            migrationBuilder.CreateTable(
                name: "knowledge_chunks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    heading_path = table.Column<string>(type: "text", nullable: true),
                    page_number = table.Column<int>(type: "integer", nullable: true),
                    text = table.Column<string>(type: "text", nullable: false),
                    token_count = table.Column<int>(type: "integer", nullable: false),
                    embedding = table.Column<byte[]>(type: "bytea", nullable: true),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_knowledge_chunks", x => x.id);
                    table.ForeignKey(
                        name: "fk_knowledge_chunks_knowledge_items_item_id",
                        column: x => x.item_id,
                        principalTable: "knowledge_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_knowledge_chunks_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "knowledge_item_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    file_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_knowledge_item_files", x => x.id);
                    table.ForeignKey(
                        name: "fk_knowledge_item_files_knowledge_items_id",
                        column: x => x.id,
                        principalTable: "knowledge_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_knowledge_item_files_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "personal_access_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    token_prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    scope = table.Column<short>(type: "smallint", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_personal_access_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_personal_access_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_personal_access_tokens_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_items_workspace_id_collection_id",
                table: "knowledge_items",
                columns: new[] { "workspace_id", "collection_id" });

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_items_workspace_id_content_hash",
                table: "knowledge_items",
                columns: new[] { "workspace_id", "content_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_items_workspace_id_updated_at",
                table: "knowledge_items",
                columns: new[] { "workspace_id", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_chunks_item_id",
                table: "knowledge_chunks",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_chunks_workspace_id_item_id_position",
                table: "knowledge_chunks",
                columns: new[] { "workspace_id", "item_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_item_files_workspace_id",
                table: "knowledge_item_files",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_personal_access_tokens_user_id",
                table: "personal_access_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_personal_access_tokens_workspace_id_token_hash",
                table: "personal_access_tokens",
                columns: new[] { "workspace_id", "token_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_personal_access_tokens_workspace_id_user_id",
                table: "personal_access_tokens",
                columns: new[] { "workspace_id", "user_id" });

            migrationBuilder.CreateKnowledgeTriggers();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropKnowledgeTriggers();

            migrationBuilder.DropTable(
                name: "knowledge_chunks");

            migrationBuilder.DropTable(
                name: "knowledge_item_files");

            migrationBuilder.DropTable(
                name: "personal_access_tokens");

            migrationBuilder.DropIndex(
                name: "ix_knowledge_items_workspace_id_collection_id",
                table: "knowledge_items");

            migrationBuilder.DropIndex(
                name: "ix_knowledge_items_workspace_id_content_hash",
                table: "knowledge_items");

            migrationBuilder.DropIndex(
                name: "ix_knowledge_items_workspace_id_updated_at",
                table: "knowledge_items");

            migrationBuilder.DropColumn(
                name: "chunk_count",
                table: "knowledge_items");

            migrationBuilder.DropColumn(
                name: "content_hash",
                table: "knowledge_items");

            migrationBuilder.DropColumn(
                name: "content_type",
                table: "knowledge_items");

            migrationBuilder.DropColumn(
                name: "language",
                table: "knowledge_items");
        }
    }
}
