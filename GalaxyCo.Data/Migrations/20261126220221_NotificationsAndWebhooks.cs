using GalaxyCo.Data.Notifications;
﻿using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GalaxyCo.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotificationsAndWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "consecutive_failures",
                table: "webhooks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "disabled_at",
                table: "webhooks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "disabled_reason",
                table: "webhooks",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_secret",
                table: "webhooks",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "previous_secret_expires_at",
                table: "webhooks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    webhook_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: true),
                    message_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    event_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false, defaultValue: 1),
                    request_body = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    scheduled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    claimed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    response_excerpt = table.Column<string>(type: "text", nullable: true),
                    duration_ms = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    is_test = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    replay_of = table.Column<Guid>(type: "uuid", nullable: true),
                    event_created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_webhooks_webhook_id",
                        column: x => x.webhook_id,
                        principalTable: "webhooks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_workspace_id_created_at",
                table: "outbox_messages",
                columns: new[] { "workspace_id", "created_at" },
                filter: "processed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_workspace_id_user_id",
                table: "notifications",
                columns: new[] { "workspace_id", "user_id" },
                filter: "NOT is_read AND NOT is_dismissed");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_workspace_id_user_id_created_at_id",
                table: "notifications",
                columns: new[] { "workspace_id", "user_id", "created_at", "id" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_created_at",
                table: "webhook_deliveries",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_webhook_id",
                table: "webhook_deliveries",
                column: "webhook_id");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_workspace_id_scheduled_at",
                table: "webhook_deliveries",
                columns: new[] { "workspace_id", "scheduled_at" },
                filter: "status IN (0, 1)");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_workspace_id_webhook_id_created_at_id",
                table: "webhook_deliveries",
                columns: new[] { "workspace_id", "webhook_id", "created_at", "id" },
                descending: new[] { false, false, true, true });
            migrationBuilder.CreateNotificationAndOutboxTriggers();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropNotificationAndOutboxTriggers();
            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_workspace_id_created_at",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_notifications_workspace_id_user_id",
                table: "notifications");

            migrationBuilder.DropIndex(
                name: "ix_notifications_workspace_id_user_id_created_at_id",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "consecutive_failures",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "disabled_at",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "disabled_reason",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "previous_secret",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "previous_secret_expires_at",
                table: "webhooks");
        }
    }
}
