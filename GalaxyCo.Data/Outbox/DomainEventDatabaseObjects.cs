using Microsoft.EntityFrameworkCore.Migrations;

namespace GalaxyCo.Data.Outbox;

/// <summary>
/// Outbox events the database writes itself, created by the DomainEventTriggers migration (its SQL must never
/// change: add a new method). Statement triggers over transition tables add one outbox row per created or completed
/// record in the same transaction as the write, so every path (services, bulk edits, board moves, CSV imports, raw
/// SQL) emits them, an import of 100k rows does it in one INSERT ... SELECT, and a rolled-back change emits nothing.
/// The acting person is the connection's app.user_id (set by TenantConnectionInterceptor). Payload keys and values
/// are the webhook catalogue's (GalaxyCo.Domain/Integrations/Webhooks/WebhookEventCatalog).
/// </summary>
public static class DomainEventDatabaseObjects
{
    /// <summary>
    /// Set to 'off' (for a transaction or a seeding session) to write rows without events: demo and benchmark seeding
    /// write history, not news, and nothing should be announced to webhooks for it.
    /// </summary>
    public const string SuppressSetting = "app.emit_events";

    private const string Actor = "coalesce(nullif(current_setting('app.user_id', true), ''), '')";
    private const string Utc = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

    private static readonly (string Name, string Table, string Operation, string Select)[] Events =
    [
        ("prospect_created", "prospects", "INSERT", $"""
            SELECT n.workspace_id, 'prospect.created', jsonb_build_object(
                'prospectId', n.id::text, 'name', n.name, 'company', coalesce(n.company, ''), 'stage', n.stage::text,
                'estimatedValue', coalesce(n.estimated_value::text, ''), 'userId', {Actor})
            FROM new_rows AS n
            """),
        ("customer_created", "customers", "INSERT", $"""
            SELECT n.workspace_id, 'customer.created', jsonb_build_object(
                'customerId', n.id::text, 'name', n.name, 'email', coalesce(n.email, ''), 'userId', {Actor})
            FROM new_rows AS n
            """),
        ("task_completed", "tasks", "UPDATE", $"""
            SELECT n.workspace_id, 'task.completed', jsonb_build_object(
                'taskId', n.id::text, 'title', n.title, 'projectId', coalesce(n.project_id::text, ''),
                'assigneeId', coalesce(n.assigned_to::text, ''), 'userId', {Actor})
            FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
            WHERE n.status = 'done' AND o.status <> 'done'
            """),
        ("invoice_sent", "invoices", "UPDATE", $"""
            SELECT n.workspace_id, 'invoice.sent', jsonb_build_object(
                'invoiceId', n.id::text, 'invoiceNumber', n.invoice_number, 'customerId', coalesce(n.customer_id::text, ''),
                'total', n.total::text, 'currency', n.currency, 'dueDate', coalesce(to_char(n.due_date, 'YYYY-MM-DD'), ''), 'userId', {Actor})
            FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
            WHERE n.status = 'sent' AND o.status = 'draft'
            """),
        ("invoice_paid", "invoices", "UPDATE", $"""
            SELECT n.workspace_id, 'invoice.paid', jsonb_build_object(
                'invoiceId', n.id::text, 'invoiceNumber', n.invoice_number, 'customerId', coalesce(n.customer_id::text, ''),
                'total', n.total::text, 'currency', n.currency,
                'paidAt', coalesce(to_char(n.paid_at AT TIME ZONE 'UTC', {Utc}), ''), 'userId', {Actor})
            FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
            WHERE n.status = 'paid' AND o.status <> 'paid'
            """),
    ];

    public static void CreateDomainEventTriggers(this MigrationBuilder migration)
    {
        foreach (var (name, table, operation, select) in Events)
        {
            var transition = operation == "INSERT" ? "NEW TABLE AS new_rows" : "OLD TABLE AS old_rows NEW TABLE AS new_rows";
            migration.Sql($"""
                CREATE FUNCTION outbox_event_{name}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF current_setting('{SuppressSetting}', true) = 'off' THEN
                        RETURN NULL;
                    END IF;
                    INSERT INTO outbox_messages (id, workspace_id, event_type, payload, attempts, created_at)
                    SELECT gen_random_uuid(), e.workspace_id, e.event_type, e.payload, 0, clock_timestamp()
                    FROM ({select}) AS e(workspace_id, event_type, payload);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER {table}_outbox_{name} AFTER {operation} ON {table} REFERENCING {transition}
                    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_{name}();
                """);
        }
    }

    public static void DropDomainEventTriggers(this MigrationBuilder migration)
    {
        foreach (var (name, table, _, _) in Events)
        {
            migration.Sql($"DROP TRIGGER IF EXISTS {table}_outbox_{name} ON {table}; DROP FUNCTION IF EXISTS outbox_event_{name}();");
        }
    }
}
