using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GalaxyCo.Data.Work;

/// <summary>
/// Triggers for projects, tasks and the calendar, created by the WorkAndCalendar migration (its SQL must never
/// change: add a new method).
/// <para>
/// A project's total_tasks, completed_tasks and progress move in the same transaction as the task change that
/// causes them, as deltas (cancelled tasks don't count, done ones complete). A delta applied by UPDATE is re-read
/// against the newest project row when two transactions race (PostgreSQL re-checks the locked row), so concurrent
/// task changes never lose a count, which a recount inside the statement's snapshot could.
/// </para>
/// Changes are announced on the same channel as the CRM's (<see cref="CrmDatabaseObjects.ChangeChannel"/>), typed
/// Task, Project, CalendarEvent and CalendarEventException.
/// </summary>
public static class WorkDatabaseObjects
{
    private static readonly (string Table, string Type)[] Announced =
    [
        ("tasks", "Task"),
        ("projects", "Project"),
        ("calendar_events", "CalendarEvent"),
        ("calendar_event_exceptions", "CalendarEventException"),
    ];

    public static void CreateWorkTriggers(this MigrationBuilder migration)
    {
        foreach (var table in new[] { "calendar_event_exceptions", "calendar_feed_tokens", "calendar_reminder_deliveries" })
        {
            migration.EnableTenantIsolation(table);
        }

        // plpgsql can't name a transition table its trigger doesn't have, so each operation gets its own function
        // (and a column list can't go with transition tables, so the update trigger sees every updated row).
        foreach (var (op, rows) in new[]
        {
            ("insert", "SELECT project_id, status, 1 AS sign FROM new_rows"),
            ("delete", "SELECT project_id, status, -1 AS sign FROM old_rows"),
            ("update", "SELECT project_id, status, 1 AS sign FROM new_rows UNION ALL SELECT project_id, status, -1 FROM old_rows"),
        })
        {
            migration.Sql($"""
                CREATE FUNCTION work_task_counts_{op}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE projects AS p SET
                        total_tasks = greatest(p.total_tasks + d.dt, 0),
                        completed_tasks = greatest(p.completed_tasks + d.dc, 0),
                        progress = CASE WHEN p.total_tasks + d.dt > 0
                            THEN least(100, greatest(0, round(100.0 * greatest(p.completed_tasks + d.dc, 0) / (p.total_tasks + d.dt))))::int
                            ELSE 0 END
                    FROM (
                        SELECT project_id,
                               sum(sign * (status <> 'cancelled')::int)::int AS dt,
                               sum(sign * (status = 'done')::int)::int AS dc
                        FROM ({rows}) AS x
                        WHERE project_id IS NOT NULL
                        GROUP BY project_id
                    ) AS d
                    WHERE p.id = d.project_id AND (d.dt <> 0 OR d.dc <> 0);
                    RETURN NULL;
                END $$;
                """);
        }
        migration.Sql("""
            CREATE TRIGGER tasks_project_counts_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION work_task_counts_insert();
            CREATE TRIGGER tasks_project_counts_delete AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION work_task_counts_delete();
            CREATE TRIGGER tasks_project_counts_update AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION work_task_counts_update();
            """);

        foreach (var (table, type) in Announced)
        {
            migration.Sql($"""
                CREATE TRIGGER {table}_notify_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION crm_notify_changes('{type}');
                CREATE TRIGGER {table}_notify_update AFTER UPDATE ON {table} REFERENCING NEW TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION crm_notify_changes('{type}');
                CREATE TRIGGER {table}_notify_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION crm_notify_changes('{type}');
                """);
        }

        // Counts for the rows that exist already, one workspace at a time: RLS binds the migrating owner too.
        migration.Sql("""
            DO $$
            DECLARE ws uuid;
            BEGIN
                FOR ws IN SELECT id FROM workspaces LOOP
                    PERFORM set_config('app.workspace_id', ws::text, true);
                    UPDATE projects AS p SET
                        total_tasks = c.total, completed_tasks = c.done,
                        progress = CASE WHEN c.total > 0 THEN round(100.0 * c.done / c.total)::int ELSE 0 END
                    FROM (
                        SELECT pr.id,
                               count(t.id) FILTER (WHERE t.status <> 'cancelled')::int AS total,
                               count(t.id) FILTER (WHERE t.status = 'done')::int AS done
                        FROM projects AS pr LEFT JOIN tasks AS t ON t.project_id = pr.id
                        GROUP BY pr.id
                    ) AS c
                    WHERE p.id = c.id;
                    UPDATE calendar_events SET occurs_until = CASE WHEN is_recurring THEN NULL ELSE end_time END;
                END LOOP;
                PERFORM set_config('app.workspace_id', '', true);
            END $$;
            """);
    }

    public static void DropWorkTriggers(this MigrationBuilder migration)
    {
        foreach (var (table, _) in Announced)
        {
            migration.Sql($"""
                DROP TRIGGER IF EXISTS {table}_notify_insert ON {table};
                DROP TRIGGER IF EXISTS {table}_notify_update ON {table};
                DROP TRIGGER IF EXISTS {table}_notify_delete ON {table};
                """);
        }
        migration.Sql("""
            DROP TRIGGER IF EXISTS tasks_project_counts_insert ON tasks;
            DROP TRIGGER IF EXISTS tasks_project_counts_delete ON tasks;
            DROP TRIGGER IF EXISTS tasks_project_counts_update ON tasks;
            DROP FUNCTION IF EXISTS work_task_counts_insert();
            DROP FUNCTION IF EXISTS work_task_counts_delete();
            DROP FUNCTION IF EXISTS work_task_counts_update();
            """);
    }
}
