using GalaxyCo.Data.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Tenancy;

/// <summary>
/// What every tenant table shares: workspace_id NOT NULL with ON DELETE CASCADE, the (workspace_id) and (created_at)
/// indexes the seed asks of every table, and xmin as row version where the entity is editable.
/// RLS policies for these tables are created by the migration (see RowLevelSecurity).
/// </summary>
public abstract class TenantEntityConfiguration<T> : IEntityTypeConfiguration<T> where T : TenantEntity
{
    protected abstract string Table { get; }

    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.CreatedAt).HasDefaultValueSql("now()");
        var navigation = typeof(T).GetProperty("Workspace") is null ? null : "Workspace";
        builder.HasOne(typeof(Workspace), navigation).WithMany().HasForeignKey(nameof(TenantEntity.WorkspaceId)).OnDelete(DeleteBehavior.Cascade);
        if (IndexWorkspaceAndCreatedAt)
        {
            builder.HasIndex(e => e.WorkspaceId);
            builder.HasIndex(e => e.CreatedAt);
        }
        if (typeof(IUpdatable).IsAssignableFrom(typeof(T)))
        {
            builder.Property<DateTime>(nameof(IUpdatable.UpdatedAt)).HasDefaultValueSql("now()");
        }
        if (typeof(T).GetProperty("Version") is { PropertyType: var t } && t == typeof(uint))
        {
            builder.Property<uint>("Version").IsRowVersion();
        }
        ConfigureEntity(builder);
    }

    protected abstract void ConfigureEntity(EntityTypeBuilder<T> builder);

    /// <summary>
    /// The seed's tables all get these two indexes. A derived table whose own composite index starts with
    /// workspace_id, and which nobody lists by date, turns them off: each index is written on every insert.
    /// </summary>
    protected virtual bool IndexWorkspaceAndCreatedAt => true;

    /// <summary>A nullable reference to a person: kept as history when the user is deleted.</summary>
    protected static void ReferencesUser(EntityTypeBuilder<T> builder, System.Linq.Expressions.Expression<Func<T, object?>> key) =>
        builder.HasOne<User>().WithMany().HasForeignKey(key).OnDelete(DeleteBehavior.SetNull);
}
