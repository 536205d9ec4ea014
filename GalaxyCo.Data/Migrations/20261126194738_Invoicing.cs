using GalaxyCo.Data.Invoices;
﻿using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GalaxyCo.Data.Migrations
{
    /// <inheritdoc />
    public partial class Invoicing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "cancelled_at",
                table: "invoices",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "created_by",
                table: "invoices",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "number_sequence",
                table: "invoices",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "sent_at",
                table: "invoices",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "balance",
                table: "invoices",
                type: "bigint",
                nullable: false,
                computedColumnSql: "total - amount_paid",
                stored: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_open",
                table: "invoices",
                type: "boolean",
                nullable: false,
                computedColumnSql: "status IN ('sent', 'overdue')",
                stored: true);

            migrationBuilder.AddColumn<short>(
                name: "status_rank",
                table: "invoices",
                type: "smallint",
                nullable: false,
                computedColumnSql: "CASE status WHEN 'draft' THEN 0 WHEN 'sent' THEN 1 WHEN 'paid' THEN 3 WHEN 'overdue' THEN 2 WHEN 'cancelled' THEN 4 END",
                stored: true);

            migrationBuilder.CreateTable(
                name: "invoice_payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    method = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: true),
                    reversed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reversed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    reversal_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_invoice_payments_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_invoice_payments_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "invoice_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    prefix = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    include_year = table.Column<bool>(type: "boolean", nullable: false),
                    padding = table.Column<int>(type: "integer", nullable: false),
                    next_number = table.Column<int>(type: "integer", nullable: false),
                    default_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    default_net_days = table.Column<int>(type: "integer", nullable: false),
                    default_terms = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    default_notes = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    business_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    business_address = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    business_email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    tax_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    logo = table.Column<byte[]>(type: "bytea", nullable: true),
                    logo_content_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_settings", x => x.id);
                    table.ForeignKey(
                        name: "fk_invoice_settings_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_workspace_id_customer_id_status_rank",
                table: "invoices",
                columns: new[] { "workspace_id", "customer_id", "status_rank" })
                .Annotation("Npgsql:IndexInclude", new[] { "balance" });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_workspace_id_is_open_due_date",
                table: "invoices",
                columns: new[] { "workspace_id", "is_open", "due_date" })
                .Annotation("Npgsql:IndexInclude", new[] { "balance", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_workspace_id_issue_date_id",
                table: "invoices",
                columns: new[] { "workspace_id", "issue_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_workspace_id_number_sequence",
                table: "invoices",
                columns: new[] { "workspace_id", "number_sequence" },
                unique: true,
                filter: "number_sequence IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_workspace_id_status_rank_issue_date_id",
                table: "invoices",
                columns: new[] { "workspace_id", "status_rank", "issue_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_workspace_id_status_rank_paid_at",
                table: "invoices",
                columns: new[] { "workspace_id", "status_rank", "paid_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "total" });

            migrationBuilder.CreateIndex(
                name: "ix_invoice_payments_invoice_id",
                table: "invoice_payments",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_payments_workspace_id_invoice_id",
                table: "invoice_payments",
                columns: new[] { "workspace_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_invoice_settings_workspace_id",
                table: "invoice_settings",
                column: "workspace_id",
                unique: true);
            migrationBuilder.CreateInvoicingObjects();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invoice_payments");

            migrationBuilder.DropTable(
                name: "invoice_settings");

            migrationBuilder.DropIndex(
                name: "ix_invoices_workspace_id_customer_id_status_rank",
                table: "invoices");

            migrationBuilder.DropIndex(
                name: "ix_invoices_workspace_id_is_open_due_date",
                table: "invoices");

            migrationBuilder.DropIndex(
                name: "ix_invoices_workspace_id_issue_date_id",
                table: "invoices");

            migrationBuilder.DropIndex(
                name: "ix_invoices_workspace_id_number_sequence",
                table: "invoices");

            migrationBuilder.DropIndex(
                name: "ix_invoices_workspace_id_status_rank_issue_date_id",
                table: "invoices");

            migrationBuilder.DropIndex(
                name: "ix_invoices_workspace_id_status_rank_paid_at",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "balance",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "is_open",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "status_rank",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "cancelled_at",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "created_by",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "number_sequence",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "sent_at",
                table: "invoices");
        }
    }
}
