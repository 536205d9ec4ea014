using GalaxyCo.Data.Invoices;
﻿using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GalaxyCo.Data.Migrations
{
    /// <inheritdoc />
    public partial class InvoiceStatusCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "invoice_status_counts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    status_rank = table.Column<short>(type: "smallint", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_status_counts", x => x.id);
                    table.ForeignKey(
                        name: "fk_invoice_status_counts_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_workspace_id_due_date_id",
                table: "invoices",
                columns: new[] { "workspace_id", "due_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_workspace_id_status_rank_due_date_id",
                table: "invoices",
                columns: new[] { "workspace_id", "status_rank", "due_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_workspace_id_status_rank_total_id",
                table: "invoices",
                columns: new[] { "workspace_id", "status_rank", "total", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_workspace_id_total_id",
                table: "invoices",
                columns: new[] { "workspace_id", "total", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_invoice_status_counts_workspace_id_status_rank",
                table: "invoice_status_counts",
                columns: new[] { "workspace_id", "status_rank" },
                unique: true);
            migrationBuilder.CreateInvoiceStatusCounts();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invoice_status_counts");

            migrationBuilder.DropIndex(
                name: "ix_invoices_workspace_id_due_date_id",
                table: "invoices");

            migrationBuilder.DropIndex(
                name: "ix_invoices_workspace_id_status_rank_due_date_id",
                table: "invoices");

            migrationBuilder.DropIndex(
                name: "ix_invoices_workspace_id_status_rank_total_id",
                table: "invoices");

            migrationBuilder.DropIndex(
                name: "ix_invoices_workspace_id_total_id",
                table: "invoices");
        }
    }
}
