using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GalaxyCo.Data.Knowledge;

/// <summary>
/// knowledge_collections.item_count is kept by statement triggers on knowledge_items, inside the transaction that adds,
/// moves or removes items (also a collection's items removed by a cascade or a bulk delete). knowledge_items changes go
/// out on the shared change channel as "KnowledgeItem", so a library page shows processing -> ready on every node.
/// </summary>
public static class KnowledgeDatabaseObjects
{
    public const string ItemRecordType = "KnowledgeItem";

    public static void CreateKnowledgeTriggers(this MigrationBuilder migration)
    {
        foreach (var table in new[] { "knowledge_item_files", "knowledge_chunks", "personal_access_tokens" })
        {
            migration.EnableTenantIsolation(table);
        }

        migration.Sql("""
            CREATE FUNCTION knowledge_apply_item_counts(deltas jsonb) RETURNS void LANGUAGE sql AS $$
                UPDATE knowledge_collections AS c SET item_count = greatest(c.item_count + (d.value)::int, 0)
                FROM jsonb_each_text(deltas) AS d
                WHERE c.id = d.key::uuid AND (d.value)::int <> 0;
            $$;

            -- Net change per collection: an update that leaves collection_id alone (status, content...) touches no
            -- collection row, so parallel ingestion jobs in one collection never queue on its lock.
            CREATE FUNCTION knowledge_count_items() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                deltas jsonb;
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    SELECT jsonb_object_agg(collection_id, n) INTO deltas
                    FROM (SELECT collection_id, count(*) AS n FROM new_items WHERE collection_id IS NOT NULL GROUP BY 1) AS x;
                ELSIF TG_OP = 'DELETE' THEN
                    SELECT jsonb_object_agg(collection_id, -n) INTO deltas
                    FROM (SELECT collection_id, count(*) AS n FROM old_items WHERE collection_id IS NOT NULL GROUP BY 1) AS x;
                ELSE
                    SELECT jsonb_object_agg(collection_id, n) INTO deltas FROM (
                        SELECT collection_id, sum(d) AS n FROM (
                            SELECT o.collection_id, -1 AS d FROM old_items AS o JOIN new_items AS i ON i.id = o.id
                            WHERE o.collection_id IS DISTINCT FROM i.collection_id AND o.collection_id IS NOT NULL
                            UNION ALL
                            SELECT i.collection_id, 1 FROM old_items AS o JOIN new_items AS i ON i.id = o.id
                            WHERE o.collection_id IS DISTINCT FROM i.collection_id AND i.collection_id IS NOT NULL
                        ) AS moves GROUP BY 1
                    ) AS x;
                END IF;
                IF deltas IS NOT NULL THEN
                    PERFORM knowledge_apply_item_counts(deltas);
                END IF;
                RETURN NULL;
            END $$;

            CREATE TRIGGER knowledge_items_count_insert AFTER INSERT ON knowledge_items REFERENCING NEW TABLE AS new_items
                FOR EACH STATEMENT EXECUTE FUNCTION knowledge_count_items();
            CREATE TRIGGER knowledge_items_count_update AFTER UPDATE ON knowledge_items
                REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items
                FOR EACH STATEMENT EXECUTE FUNCTION knowledge_count_items();
            CREATE TRIGGER knowledge_items_count_delete AFTER DELETE ON knowledge_items REFERENCING OLD TABLE AS old_items
                FOR EACH STATEMENT EXECUTE FUNCTION knowledge_count_items();
            """);

        migration.Sql($"""
            CREATE TRIGGER knowledge_items_notify_insert AFTER INSERT ON knowledge_items REFERENCING NEW TABLE AS changed
                FOR EACH STATEMENT EXECUTE FUNCTION crm_notify_changes('{ItemRecordType}');
            CREATE TRIGGER knowledge_items_notify_update AFTER UPDATE ON knowledge_items REFERENCING NEW TABLE AS changed
                FOR EACH STATEMENT EXECUTE FUNCTION crm_notify_changes('{ItemRecordType}');
            CREATE TRIGGER knowledge_items_notify_delete AFTER DELETE ON knowledge_items REFERENCING OLD TABLE AS changed
                FOR EACH STATEMENT EXECUTE FUNCTION crm_notify_changes('{ItemRecordType}');
            """);

        // Counts for collections that exist already, one workspace at a time: RLS binds the migrating owner too.
        migration.Sql("""
            DO $$
            DECLARE ws uuid;
            BEGIN
                FOR ws IN SELECT id FROM workspaces LOOP
                    PERFORM set_config('app.workspace_id', ws::text, true);
                    UPDATE knowledge_collections AS c
                    SET item_count = (SELECT count(*) FROM knowledge_items AS i WHERE i.collection_id = c.id);
                END LOOP;
                PERFORM set_config('app.workspace_id', '', true);
            END $$;
            """);
    }

    public static void DropKnowledgeTriggers(this MigrationBuilder migration)
    {
        migration.Sql("""
            DROP TRIGGER IF EXISTS knowledge_items_count_insert ON knowledge_items;
            DROP TRIGGER IF EXISTS knowledge_items_count_update ON knowledge_items;
            DROP TRIGGER IF EXISTS knowledge_items_count_delete ON knowledge_items;
            DROP TRIGGER IF EXISTS knowledge_items_notify_insert ON knowledge_items;
            DROP TRIGGER IF EXISTS knowledge_items_notify_update ON knowledge_items;
            DROP TRIGGER IF EXISTS knowledge_items_notify_delete ON knowledge_items;
            DROP FUNCTION IF EXISTS knowledge_count_items();
            DROP FUNCTION IF EXISTS knowledge_apply_item_counts(jsonb);
            """);
    }
}
