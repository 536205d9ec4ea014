using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GalaxyCo.Data.Crm;

/// <summary>
/// Triggers the CRM tables need, created by the CrmPipeline migration (its SQL must never change: add a new method).
/// Search terms are kept by the database so every write path (services, import, merge, raw SQL) keeps search
/// correct; change notifications go out with NOTIFY, which PostgreSQL delivers only on commit, to every app node
/// that LISTENs on <see cref="ChangeChannel"/>.
/// </summary>
public static class CrmDatabaseObjects
{
    public const string ChangeChannel = "crm_changes";

    /// <summary>At most this many ids ride in one notification; past it the payload says "reload" (ids null).</summary>
    public const int MaxIdsPerNotification = 50;

    private static readonly (string Table, string RecordType, string[] SearchColumns)[] Tables =
    [
        ("customers", nameof(CrmRecordType.Customer), ["name", "email", "company"]),
        ("contacts", nameof(CrmRecordType.Contact), ["first_name", "last_name", "email", "company"]),
        ("prospects", nameof(CrmRecordType.Prospect), ["name", "email", "company"]),
    ];

    public static void CreateCrmSearchAndChangeTriggers(this MigrationBuilder migration)
    {
        foreach (var table in new[] { "crm_activities", "crm_saved_views", "crm_custom_fields", "crm_imports", "crm_import_rows", "crm_search_terms" })
        {
            migration.EnableTenantIsolation(table);
        }

        migration.Sql($"""
            CREATE FUNCTION crm_search_words(source text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT DISTINCT left(w, 200) FROM (
                    SELECT regexp_split_to_table(lower(coalesce(source, '')), '[^[:alnum:]]+') AS w
                    UNION ALL
                    SELECT lower(e[1]) FROM regexp_matches(coalesce(source, ''), '([^[:space:]]+@[^[:space:]]+)', 'g') AS e
                ) AS words WHERE w <> ''
            $$;

            CREATE FUNCTION crm_refresh_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                source text;
            BEGIN
                IF TG_OP <> 'INSERT' THEN
                    DELETE FROM crm_search_terms WHERE record_id = OLD.id AND workspace_id = OLD.workspace_id;
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    SELECT string_agg(to_jsonb(NEW) ->> c, ' ') INTO source FROM unnest(TG_ARGV[1:array_upper(TG_ARGV, 1)]) AS c;
                    INSERT INTO crm_search_terms (workspace_id, record_type, record_id, term, created_at)
                    SELECT NEW.workspace_id, TG_ARGV[0], NEW.id, w, now() FROM crm_search_words(source) AS w;
                END IF;
                RETURN NULL;
            END $$;

            CREATE FUNCTION crm_notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                r record;
            BEGIN
                FOR r IN SELECT workspace_id, count(*) AS n, (array_agg(id))[1:{MaxIdsPerNotification}] AS ids FROM changed GROUP BY workspace_id LOOP
                    PERFORM pg_notify('{ChangeChannel}', json_build_object(
                        'w', r.workspace_id, 't', TG_ARGV[0], 'op', TG_OP,
                        'ids', CASE WHEN r.n <= {MaxIdsPerNotification} THEN r.ids END)::text);
                END LOOP;
                RETURN NULL;
            END $$;
            """);

        foreach (var (table, recordType, columns) in Tables)
        {
            var args = string.Join(", ", new[] { recordType }.Concat(columns).Select(a => $"'{a}'"));
            migration.Sql($"""
                CREATE TRIGGER {table}_search_terms AFTER INSERT OR DELETE OR UPDATE OF {string.Join(", ", columns)} ON {table}
                    FOR EACH ROW EXECUTE FUNCTION crm_refresh_search_terms({args});
                CREATE TRIGGER {table}_notify_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION crm_notify_changes('{recordType}');
                CREATE TRIGGER {table}_notify_update AFTER UPDATE ON {table} REFERENCING NEW TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION crm_notify_changes('{recordType}');
                CREATE TRIGGER {table}_notify_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION crm_notify_changes('{recordType}');
                """);
            // Rows that exist already, one workspace at a time: RLS binds the migrating owner too.
            migration.Sql($"""
                DO $$
                DECLARE ws uuid;
                BEGIN
                    FOR ws IN SELECT id FROM workspaces LOOP
                        PERFORM set_config('app.workspace_id', ws::text, true);
                        INSERT INTO crm_search_terms (workspace_id, record_type, record_id, term, created_at)
                        SELECT t.workspace_id, '{recordType}', t.id, w, now()
                        FROM {table} AS t, crm_search_words(concat_ws(' ', {string.Join(", ", columns.Select(c => "t." + c))})) AS w;
                    END LOOP;
                    PERFORM set_config('app.workspace_id', '', true);
                END $$;
                """);
        }
    }

    public static void DropCrmSearchAndChangeTriggers(this MigrationBuilder migration)
    {
        foreach (var (table, _, _) in Tables)
        {
            migration.Sql($"""
                DROP TRIGGER IF EXISTS {table}_search_terms ON {table};
                DROP TRIGGER IF EXISTS {table}_notify_insert ON {table};
                DROP TRIGGER IF EXISTS {table}_notify_update ON {table};
                DROP TRIGGER IF EXISTS {table}_notify_delete ON {table};
                """);
        }
        migration.Sql("DROP FUNCTION IF EXISTS crm_notify_changes(); DROP FUNCTION IF EXISTS crm_refresh_search_terms(); DROP FUNCTION IF EXISTS crm_search_words(text);");
    }

    /// <summary>
    /// Replaces the per-row search-terms trigger with set-based statement triggers over transition tables: an import
    /// of 100k rows then writes its terms in one INSERT ... SELECT instead of 100k trigger calls, and an update only
    /// rewrites the terms of rows whose searchable text changed.
    /// </summary>
    public static void UseSetBasedSearchTerms(this MigrationBuilder migration)
    {
        foreach (var (table, recordType, columns) in Tables)
        {
            string Text(string alias) => $"concat_ws(' ', {string.Join(", ", columns.Select(c => $"{alias}.{c}"))})";
            string Tuple(string alias) => $"({string.Join(", ", columns.Select(c => $"{alias}.{c}"))})";
            migration.Sql($"""
                DROP TRIGGER IF EXISTS {table}_search_terms ON {table};

                CREATE FUNCTION {table}_search_terms_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO crm_search_terms (workspace_id, record_type, record_id, term, created_at)
                    SELECT n.workspace_id, '{recordType}', n.id, w, now() FROM changed AS n, crm_search_words({Text("n")}) AS w;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION {table}_search_terms_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    WITH c AS (
                        SELECT n.id, n.workspace_id, {Text("n")} AS source FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
                        WHERE {Tuple("n")} IS DISTINCT FROM {Tuple("o")}
                    ), gone AS (
                        DELETE FROM crm_search_terms AS s USING c WHERE s.record_id = c.id AND s.workspace_id = c.workspace_id
                    )
                    INSERT INTO crm_search_terms (workspace_id, record_type, record_id, term, created_at)
                    SELECT c.workspace_id, '{recordType}', c.id, w, now() FROM c, crm_search_words(c.source) AS w;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION {table}_search_terms_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM crm_search_terms AS s USING changed AS o WHERE s.record_id = o.id AND s.workspace_id = o.workspace_id;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER {table}_search_terms_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION {table}_search_terms_insert();
                CREATE TRIGGER {table}_search_terms_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION {table}_search_terms_update();
                CREATE TRIGGER {table}_search_terms_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION {table}_search_terms_delete();
                """);
        }
        migration.Sql("DROP FUNCTION IF EXISTS crm_refresh_search_terms();");
    }

    public static void UsePerRowSearchTerms(this MigrationBuilder migration)
    {
        foreach (var (table, _, _) in Tables)
        {
            migration.Sql($"""
                DROP TRIGGER IF EXISTS {table}_search_terms_insert ON {table};
                DROP TRIGGER IF EXISTS {table}_search_terms_update ON {table};
                DROP TRIGGER IF EXISTS {table}_search_terms_delete ON {table};
                DROP FUNCTION IF EXISTS {table}_search_terms_insert();
                DROP FUNCTION IF EXISTS {table}_search_terms_update();
                DROP FUNCTION IF EXISTS {table}_search_terms_delete();
                """);
        }
        migration.Sql("""
            CREATE FUNCTION crm_refresh_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                source text;
            BEGIN
                IF TG_OP <> 'INSERT' THEN
                    DELETE FROM crm_search_terms WHERE record_id = OLD.id AND workspace_id = OLD.workspace_id;
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    SELECT string_agg(to_jsonb(NEW) ->> c, ' ') INTO source FROM unnest(TG_ARGV[1:array_upper(TG_ARGV, 1)]) AS c;
                    INSERT INTO crm_search_terms (workspace_id, record_type, record_id, term, created_at)
                    SELECT NEW.workspace_id, TG_ARGV[0], NEW.id, w, now() FROM crm_search_words(source) AS w;
                END IF;
                RETURN NULL;
            END $$;
            """);
        foreach (var (table, recordType, columns) in Tables)
        {
            var args = string.Join(", ", new[] { recordType }.Concat(columns).Select(a => $"'{a}'"));
            migration.Sql($"""
                CREATE TRIGGER {table}_search_terms AFTER INSERT OR DELETE OR UPDATE OF {string.Join(", ", columns)} ON {table}
                    FOR EACH ROW EXECUTE FUNCTION crm_refresh_search_terms({args});
                """);
        }
    }

    /// <summary>
    /// Tags join the search terms as "#tag": tag filters become an equality on the terms index, where
    /// <c>tags @&gt; array[...]</c> could never use one under row-level security (arraycontains is not leakproof).
    /// </summary>
    public static void AddTagTerms(this MigrationBuilder migration)
    {
        migration.Sql("""
            CREATE FUNCTION crm_record_terms(source text, tags text[]) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT w FROM crm_search_words(source) AS w
                UNION
                SELECT '#' || left(lower(btrim(t)), 199) FROM unnest(coalesce(tags, '{}')) AS t WHERE btrim(t) <> ''
            $$;
            """);
        foreach (var (table, recordType, columns) in Tables)
        {
            string Text(string alias) => $"concat_ws(' ', {string.Join(", ", columns.Select(c => $"{alias}.{c}"))})";
            string Tuple(string alias) => $"({string.Join(", ", columns.Append("tags").Select(c => $"{alias}.{c}"))})";
            migration.Sql($"""
                CREATE OR REPLACE FUNCTION {table}_search_terms_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO crm_search_terms (workspace_id, record_type, record_id, term, created_at)
                    SELECT n.workspace_id, '{recordType}', n.id, w, now() FROM changed AS n, crm_record_terms({Text("n")}, n.tags) AS w;
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION {table}_search_terms_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    WITH c AS (
                        SELECT n.id, n.workspace_id, {Text("n")} AS source, n.tags FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
                        WHERE {Tuple("n")} IS DISTINCT FROM {Tuple("o")}
                    ), gone AS (
                        DELETE FROM crm_search_terms AS s USING c WHERE s.record_id = c.id AND s.workspace_id = c.workspace_id
                    )
                    INSERT INTO crm_search_terms (workspace_id, record_type, record_id, term, created_at)
                    SELECT c.workspace_id, '{recordType}', c.id, w, now() FROM c, crm_record_terms(c.source, c.tags) AS w;
                    RETURN NULL;
                END $$;

                DO $$
                DECLARE ws uuid;
                BEGIN
                    FOR ws IN SELECT id FROM workspaces LOOP
                        PERFORM set_config('app.workspace_id', ws::text, true);
                        INSERT INTO crm_search_terms (workspace_id, record_type, record_id, term, created_at)
                        SELECT t.workspace_id, '{recordType}', t.id, '#' || left(lower(btrim(tag)), 199), now()
                        FROM {table} AS t, unnest(t.tags) AS tag WHERE btrim(tag) <> ''
                        GROUP BY t.workspace_id, t.id, lower(btrim(tag));
                    END LOOP;
                    PERFORM set_config('app.workspace_id', '', true);
                END $$;
                """);
        }
    }

    /// <summary>What each table's rows sort by as "name", written to crm_search_terms.sort_key.</summary>
    private static string SortKeyOf(string table, string alias) => table == "contacts"
        ? $"left(concat_ws(' ', {alias}.last_name, {alias}.first_name), 300)"
        : $"left({alias}.name, 300)";

    /// <summary>Terms carry their record's sort key (see <see cref="CrmSearchTerm.SortKey"/>): triggers write it, existing rows get it.</summary>
    public static void AddSearchTermSortKeys(this MigrationBuilder migration)
    {
        foreach (var (table, recordType, columns) in Tables)
        {
            string Text(string alias) => $"concat_ws(' ', {string.Join(", ", columns.Select(c => $"{alias}.{c}"))})";
            string Tuple(string alias) => $"({string.Join(", ", columns.Append("tags").Select(c => $"{alias}.{c}"))})";
            migration.Sql($"""
                CREATE OR REPLACE FUNCTION {table}_search_terms_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO crm_search_terms (workspace_id, record_type, record_id, term, sort_key, created_at)
                    SELECT n.workspace_id, '{recordType}', n.id, w, {SortKeyOf(table, "n")}, now() FROM changed AS n, crm_record_terms({Text("n")}, n.tags) AS w;
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION {table}_search_terms_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    WITH c AS (
                        SELECT n.id, n.workspace_id, {Text("n")} AS source, n.tags, {SortKeyOf(table, "n")} AS sort_key
                        FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
                        WHERE {Tuple("n")} IS DISTINCT FROM {Tuple("o")}
                    ), gone AS (
                        DELETE FROM crm_search_terms AS s USING c WHERE s.record_id = c.id AND s.workspace_id = c.workspace_id
                    )
                    INSERT INTO crm_search_terms (workspace_id, record_type, record_id, term, sort_key, created_at)
                    SELECT c.workspace_id, '{recordType}', c.id, w, c.sort_key, now() FROM c, crm_record_terms(c.source, c.tags) AS w;
                    RETURN NULL;
                END $$;

                DO $$
                DECLARE ws uuid;
                BEGIN
                    FOR ws IN SELECT id FROM workspaces LOOP
                        PERFORM set_config('app.workspace_id', ws::text, true);
                        UPDATE crm_search_terms AS s SET sort_key = {SortKeyOf(table, "t")}
                        FROM {table} AS t WHERE s.record_id = t.id AND s.record_type = '{recordType}';
                    END LOOP;
                    PERFORM set_config('app.workspace_id', '', true);
                END $$;
                """);
        }
    }
}
