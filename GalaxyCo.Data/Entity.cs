namespace GalaxyCo.Data;

/// <summary>A row that belongs to one workspace. The query filter, the SaveChanges guard and RLS all key on <see cref="WorkspaceId"/>.</summary>
public interface ITenantOwned
{
    Guid WorkspaceId { get; set; }
}

/// <summary>A row whose updated_at is stamped on every save.</summary>
public interface IUpdatable
{
    DateTime UpdatedAt { get; set; }
}

/// <summary>Base of every tenant-owned row: uuid key, workspace, creation time.</summary>
public abstract class TenantEntity : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>An editable tenant row: updated_at plus optimistic concurrency on PostgreSQL's xmin.</summary>
public abstract class EditableTenantEntity : TenantEntity, IUpdatable
{
    public DateTime UpdatedAt { get; set; }

    /// <summary>Row version (xmin): a save based on a stale copy fails instead of overwriting.</summary>
    public uint Version { get; set; }
}
