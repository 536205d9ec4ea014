using GalaxyCo.Data.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Data.Tenancy;

/// <summary>Stamps workspace_id and timestamps before a save and refuses any write outside the current workspace.</summary>
internal static class TenantWriteGuard
{
    public static void Apply(GalaxyDbContext db, DateTime now)
    {
        var current = db.Tenant.WorkspaceId;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;

            if (entry.Entity is ITenantOwned owned)
            {
                if (current is null)
                    throw new CrossTenantWriteException($"No workspace is set; refusing to write {entry.Metadata.GetTableName()}.");
                if (entry.State == EntityState.Added && owned.WorkspaceId == Guid.Empty)
                    owned.WorkspaceId = current.Value;
                var original = entry.State == EntityState.Added ? owned.WorkspaceId : entry.Property(nameof(ITenantOwned.WorkspaceId)).OriginalValue as Guid?;
                if (owned.WorkspaceId != current || original != current)
                    throw new CrossTenantWriteException($"Refusing to write a {entry.Metadata.GetTableName()} row of another workspace.");
            }
            else if (entry.Entity is Workspace workspace && entry.State is EntityState.Modified or EntityState.Deleted
                     && workspace.Id != current)
            {
                // workspaces has no RLS (it is read across workspaces by design), so this guard is what keeps one
                // workspace from renaming, deactivating or deleting (cascading to all its rows) another.
                throw new CrossTenantWriteException("Refusing to change or delete a workspace other than the current one.");
            }

            if (entry.State == EntityState.Added && entry.Metadata.FindProperty("CreatedAt") is { } created
                && entry.Property(created.Name).CurrentValue is DateTime { Ticks: 0 })
            {
                entry.Property(created.Name).CurrentValue = now;
            }
            if (entry.Entity is IUpdatable updatable && entry.State is EntityState.Added or EntityState.Modified)
                updatable.UpdatedAt = now;
        }
    }
}

/// <summary>A save that would touch another workspace's data; it is a bug in the caller, never a user error.</summary>
public sealed class CrossTenantWriteException(string message) : InvalidOperationException(message);
