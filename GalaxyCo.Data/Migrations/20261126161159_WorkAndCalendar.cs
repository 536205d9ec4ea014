using System;
using GalaxyCo.Data.Work;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GalaxyCo.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkAndCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "board_position",
                table: "tasks",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<DateTime>(
                name: "due_reminder_sent_for",
                table: "tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "occurs_until",
                table: "calendar_events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_open",
                table: "tasks",
                type: "boolean",
                nullable: false,
                computedColumnSql: "status IN ('todo', 'in_progress')",
                stored: true);

            migrationBuilder.AddColumn<short>(
                name: "status_order",
                table: "tasks",
                type: "smallint",
                nullable: false,
                computedColumnSql: "CASE status WHEN 'todo' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'done' THEN 2 WHEN 'cancelled' THEN 3 END",
                stored: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_long",
                table: "calendar_events",
                type: "boolean",
                nullable: false,
                computedColumnSql: "end_time - start_time > interval '45 days'",
                stored: true);

            migrationBuilder.CreateTable(
                name: "calendar_event_exceptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    original_start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    is_cancelled = table.Column<bool>(type: "boolean", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    location = table.Column<string>(type: "text", nullable: true),
                    start_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    end_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_event_exceptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_calendar_event_exceptions_calendar_events_event_id",
                        column: x => x.event_id,
                        principalTable: "calendar_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_calendar_event_exceptions_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "calendar_feed_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_feed_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_calendar_feed_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_calendar_feed_tokens_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "calendar_reminder_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurrence_start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    minutes_before = table.Column<int>(type: "integer", nullable: false),
                    method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_reminder_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_calendar_reminder_deliveries_calendar_events_event_id",
                        column: x => x.event_id,
                        principalTable: "calendar_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_calendar_reminder_deliveries_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_workspace_id_assigned_to_is_open_due_date_id",
                table: "tasks",
                columns: new[] { "workspace_id", "assigned_to", "is_open", "due_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_workspace_id_is_open_due_date",
                table: "tasks",
                columns: new[] { "workspace_id", "is_open", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_workspace_id_status_order_board_position_id",
                table: "tasks",
                columns: new[] { "workspace_id", "status_order", "board_position", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_calendar_events_workspace_id_is_long_start_time",
                table: "calendar_events",
                columns: new[] { "workspace_id", "is_long", "start_time" });

            migrationBuilder.CreateIndex(
                name: "ix_calendar_events_workspace_id_is_recurring_start_time",
                table: "calendar_events",
                columns: new[] { "workspace_id", "is_recurring", "start_time" });

            migrationBuilder.CreateIndex(
                name: "ix_calendar_event_exceptions_event_id",
                table: "calendar_event_exceptions",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "ix_calendar_event_exceptions_workspace_id_event_id_original_st",
                table: "calendar_event_exceptions",
                columns: new[] { "workspace_id", "event_id", "original_start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_calendar_feed_tokens_user_id",
                table: "calendar_feed_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_calendar_feed_tokens_workspace_id_token_hash",
                table: "calendar_feed_tokens",
                columns: new[] { "workspace_id", "token_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_calendar_feed_tokens_workspace_id_user_id",
                table: "calendar_feed_tokens",
                columns: new[] { "workspace_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_calendar_reminder_deliveries_event_id",
                table: "calendar_reminder_deliveries",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "ix_calendar_reminder_deliveries_workspace_id_event_id_occurren",
                table: "calendar_reminder_deliveries",
                columns: new[] { "workspace_id", "event_id", "occurrence_start", "minutes_before", "method" },
                unique: true);

            migrationBuilder.CreateWorkTriggers();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropWorkTriggers();
            migrationBuilder.DropTable(
                name: "calendar_event_exceptions");

            migrationBuilder.DropTable(
                name: "calendar_feed_tokens");

            migrationBuilder.DropTable(
                name: "calendar_reminder_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_tasks_workspace_id_assigned_to_is_open_due_date_id",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_workspace_id_is_open_due_date",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_workspace_id_status_order_board_position_id",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_calendar_events_workspace_id_is_long_start_time",
                table: "calendar_events");

            migrationBuilder.DropIndex(
                name: "ix_calendar_events_workspace_id_is_recurring_start_time",
                table: "calendar_events");

            migrationBuilder.DropColumn(
                name: "is_open",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "status_order",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "is_long",
                table: "calendar_events");

            migrationBuilder.DropColumn(
                name: "board_position",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "due_reminder_sent_for",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "occurs_until",
                table: "calendar_events");
        }
    }
}
