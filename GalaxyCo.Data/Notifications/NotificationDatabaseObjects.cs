using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GalaxyCo.Data.Notifications;

/// <summary>
/// Triggers for live notifications and the webhook outbox, created by the NotificationsAndWebhooks migration (its SQL
/// must never change: add a new method). Both announce on the change channel every app node listens to
/// (<see cref="CrmDatabaseObjects.ChangeChannel"/>), and PostgreSQL delivers a NOTIFY only on commit, so nothing is
/// pushed for a change that rolls back.
/// <list type="bullet">
/// <item>notifications: type Notification, with the ids and (as "u") the people they are for, so a node loads
/// the new rows once and hands them to those people's circuits only.</item>
/// <item>outbox_messages (insert): type OutboxMessage with the workspace only, which wakes the webhook dispatcher at
/// once instead of at its next poll.</item>
/// </list>
/// </summary>
public static class NotificationDatabaseObjects
{
    public const string NotificationType = "Notification";
    public const string OutboxType = "OutboxMessage";

    /// <summary>
    /// Up to this many changed notifications are announced with their ids and people (in messages of
    /// <see cref="CrmDatabaseObjects.MaxIdsPerNotification"/>), so a broadcast to a few hundred people still shows each
    /// of them their new notification; past it the message says "recount" only.
    /// </summary>
    public const int MaxRowsAnnounced = 1000;

    public static void CreateNotificationAndOutboxTriggers(this MigrationBuilder migration)
    {
        migration.EnableTenantIsolation("webhook_deliveries");

        foreach (var (op, rows) in new[] { ("insert", "new_rows"), ("update", "new_rows"), ("delete", "old_rows") })
        {
            migration.Sql($"""
                CREATE FUNCTION notification_notify_{op}() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    r record;
                BEGIN
                    IF (SELECT count(*) FROM {rows}) > {MaxRowsAnnounced} THEN
                        -- Too many to list: each workspace's nodes recount everyone they show.
                        FOR r IN SELECT workspace_id FROM {rows} GROUP BY workspace_id LOOP
                            PERFORM pg_notify('{CrmDatabaseObjects.ChangeChannel}', json_build_object(
                                'w', r.workspace_id, 't', '{NotificationType}', 'op', TG_OP)::text);
                        END LOOP;
                    ELSE
                        -- Up to {CrmDatabaseObjects.MaxIdsPerNotification} rows per message (a NOTIFY payload must stay under 8 kB).
                        FOR r IN SELECT workspace_id, array_agg(id) AS ids,
                                        array_agg(DISTINCT user_id) FILTER (WHERE user_id IS NOT NULL) AS users
                                 FROM (SELECT workspace_id, id, user_id,
                                              (row_number() OVER (PARTITION BY workspace_id ORDER BY id) - 1) / {CrmDatabaseObjects.MaxIdsPerNotification} AS chunk
                                       FROM {rows}) AS c
                                 GROUP BY workspace_id, chunk LOOP
                            PERFORM pg_notify('{CrmDatabaseObjects.ChangeChannel}', json_build_object(
                                'w', r.workspace_id, 't', '{NotificationType}', 'op', TG_OP,
                                'ids', r.ids, 'u', coalesce(r.users, ARRAY[]::uuid[]))::text);
                        END LOOP;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER notifications_notify_{op} AFTER {op.ToUpperInvariant()} ON notifications REFERENCING {(op == "delete" ? "OLD" : "NEW")} TABLE AS {rows}
                    FOR EACH STATEMENT EXECUTE FUNCTION notification_notify_{op}();
                """);
        }

        // The outbox wake-up carries only the workspace: identical payloads in one transaction are folded into one
        // NOTIFY by PostgreSQL, where one with ids per statement cost ~0.2 ms per row of a row-by-row import.
        migration.Sql($"""
            CREATE FUNCTION outbox_notify_insert() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                ws uuid;
            BEGIN
                FOR ws IN SELECT DISTINCT workspace_id FROM changed LOOP
                    PERFORM pg_notify('{CrmDatabaseObjects.ChangeChannel}', json_build_object('w', ws, 't', '{OutboxType}', 'op', 'INSERT')::text);
                END LOOP;
                RETURN NULL;
            END $$;
            CREATE TRIGGER outbox_messages_notify_insert AFTER INSERT ON outbox_messages REFERENCING NEW TABLE AS changed
                FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify_insert();
            """);
    }

    public static void DropNotificationAndOutboxTriggers(this MigrationBuilder migration)
    {
        migration.Sql("DROP TRIGGER IF EXISTS outbox_messages_notify_insert ON outbox_messages; DROP FUNCTION IF EXISTS outbox_notify_insert();");
        foreach (var op in new[] { "insert", "update", "delete" })
        {
            migration.Sql($"DROP TRIGGER IF EXISTS notifications_notify_{op} ON notifications; DROP FUNCTION IF EXISTS notification_notify_{op}();");
        }
        migration.DisableTenantIsolation("webhook_deliveries");
    }
}
