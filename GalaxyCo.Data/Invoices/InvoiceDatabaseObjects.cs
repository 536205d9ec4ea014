using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GalaxyCo.Data.Invoices;

/// <summary>Row-level security for the invoicing tables, created by the Invoicing migration (its SQL must never change: add a new method).</summary>
public static class InvoiceDatabaseObjects
{
    public static void CreateInvoicingObjects(this MigrationBuilder migration)
    {
        foreach (var table in new[] { "invoice_payments", "invoice_settings" })
        {
            migration.EnableTenantIsolation(table);
        }
    }

    /// <summary>
    /// invoice_status_counts follows every insert, status change and delete on invoices (statement triggers with
    /// transition tables, rows locked in rank order so concurrent changes can't deadlock), and is filled once from
    /// the invoices already there (workspace by workspace, as RLS requires).
    /// </summary>
    public static void CreateInvoiceStatusCounts(this MigrationBuilder migration)
    {
        migration.EnableTenantIsolation("invoice_status_counts");
        foreach (var (op, rows) in new[]
        {
            ("insert", "SELECT workspace_id, status_rank, 1 AS d FROM new_rows"),
            ("update", "SELECT workspace_id, status_rank, 1 AS d FROM new_rows UNION ALL SELECT workspace_id, status_rank, -1 FROM old_rows"),
            ("delete", "SELECT workspace_id, status_rank, -1 AS d FROM old_rows"),
        })
        {
            migration.Sql($"""
                CREATE FUNCTION invoice_status_counts_{op}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO invoice_status_counts AS c (id, workspace_id, status_rank, count, created_at)
                    SELECT gen_random_uuid(), workspace_id, status_rank, sum(d), now()
                    FROM ({rows}) AS changes
                    -- A workspace being deleted takes its invoices with it (cascade): nothing left to count.
                    WHERE EXISTS (SELECT 1 FROM workspaces w WHERE w.id = changes.workspace_id)
                    GROUP BY workspace_id, status_rank
                    HAVING sum(d) <> 0
                    ORDER BY workspace_id, status_rank
                    ON CONFLICT (workspace_id, status_rank) DO UPDATE SET count = c.count + excluded.count;
                    RETURN NULL;
                END $$;
                """);
        }
        migration.Sql("""
            CREATE TRIGGER invoice_status_counts_insert AFTER INSERT ON invoices REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION invoice_status_counts_insert();
            CREATE TRIGGER invoice_status_counts_update AFTER UPDATE ON invoices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION invoice_status_counts_update();
            CREATE TRIGGER invoice_status_counts_delete AFTER DELETE ON invoices REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION invoice_status_counts_delete();
            DO $$
            DECLARE w uuid;
            BEGIN
                FOR w IN SELECT id FROM workspaces LOOP
                    PERFORM set_config('app.workspace_id', w::text, true);
                    INSERT INTO invoice_status_counts (id, workspace_id, status_rank, count, created_at)
                    SELECT gen_random_uuid(), workspace_id, status_rank, count(*), now() FROM invoices GROUP BY workspace_id, status_rank;
                END LOOP;
                PERFORM set_config('app.workspace_id', '', true);
            END $$;
            """);
    }
}
