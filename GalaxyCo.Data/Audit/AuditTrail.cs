using System.Text.Json;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Data.Outbox;
using GalaxyCo.Data.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace GalaxyCo.Data.Audit;

/// <summary>
/// Writes an audit_logs row with a before/after diff for every create, update and delete of a tenant row or a
/// workspace, in the same SaveChanges, so no area can forget it and no change goes unrecorded.
/// </summary>
internal static class AuditTrail
{
    private static readonly HashSet<string> Redacted = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "TokenHash", "Secret", "PreviousSecret", "WebhookSecret", "EncryptedApiKeys", "ConcurrencyStamp",
    };

    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "Version", "UpdatedAt", "CreatedAt", "Id", "WorkspaceId" };

    /// <summary>
    /// Big knowledge columns (document text, file bytes, vectors): the diff says they changed and how large they are,
    /// never their value, so one upload does not copy megabytes into audit_logs.
    /// </summary>
    private static readonly HashSet<string> SizeOnly = new(StringComparer.Ordinal)
    {
        "KnowledgeItem.Content", "KnowledgeItem.Embeddings", "KnowledgeItemFile.Content", "KnowledgeChunk.Text",
        "KnowledgeChunk.Embedding", "KnowledgeChunk.SearchVector",
    };

    public static void Record(GalaxyDbContext db, DateTime now)
    {
        var actor = db.Tenant.Actor;
        var rows = new List<AuditLog>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is AuditLog or OutboxMessage or Notification) continue;

            Guid workspaceId;
            if (entry.Entity is ITenantOwned owned) workspaceId = owned.WorkspaceId;
            else if (entry.Entity is Workspace workspace) workspaceId = workspace.Id;
            else continue;

            var changes = Diff(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;

            rows.Add(new AuditLog
            {
                WorkspaceId = workspaceId,
                UserId = db.Tenant.UserId,
                UserEmail = actor.Email,
                IpAddress = actor.IpAddress,
                UserAgent = actor.UserAgent,
                Action = entry.State switch { EntityState.Added => "create", EntityState.Deleted => "delete", _ => "update" },
                ResourceType = ResourceType(entry),
                ResourceId = entry.Property("Id").CurrentValue?.ToString(),
                Changes = changes,
                CreatedAt = now,
            });
        }
        db.AuditLogs.AddRange(rows);
    }

    /// <summary>The singular of the table name: customers -> customer, workspace_members -> workspace_member.</summary>
    public static string ResourceType(EntityEntry entry)
    {
        var table = entry.Metadata.GetTableName() ?? entry.Metadata.ClrType.Name;
        return table.EndsWith('s') ? table[..^1] : table;
    }

    private static Dictionary<string, FieldChange> Diff(EntityEntry entry)
    {
        var changes = new Dictionary<string, FieldChange>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Ignored.Contains(name) || property.Metadata.IsShadowProperty()) continue;
            // Big values are never formatted (a 50 MB file would be serialised just to be compared).
            var sizeOnly = SizeOnly.Contains(entry.Metadata.ClrType.Name + "." + name);
            string? before = entry.State == EntityState.Added ? null : sizeOnly ? Size(property.OriginalValue) : Format(property.OriginalValue);
            string? after = entry.State == EntityState.Deleted ? null : sizeOnly ? Size(property.CurrentValue) : Format(property.CurrentValue);
            if (entry.State == EntityState.Modified
                && (!property.IsModified || (sizeOnly ? Equals(property.OriginalValue, property.CurrentValue) : before == after))) continue;
            if (before is null && after is null) continue;
            if (Redacted.Contains(name))
            {
                before = before is null ? null : "[redacted]";
                after = after is null ? null : "[redacted]";
            }
            changes[ToSnakeCase(name)] = new FieldChange { Before = before, After = after };
        }
        return changes;
    }

    private static string? Size(object? value) => value switch
    {
        null => null,
        string s => $"[{s.Length} characters]",
        byte[] b => $"[{b.Length} bytes]",
        System.Collections.ICollection c => $"[{c.Count} values]",
        _ => "[changed]",
    };

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.ToString("O"),
        Enum e => e.ToString(),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value, value.GetType(), JsonSerializerOptions.Web),
    };

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
