using GalaxyCo.Data.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Workspaces;

public sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.ToTable("workspaces");
        builder.Property(w => w.Name).IsRequired().HasMaxLength(100);
        builder.Property(w => w.Slug).IsRequired().HasMaxLength(60);
        builder.HasIndex(w => w.Slug).IsUnique();
        builder.HasIndex(w => w.ExternalId).IsUnique();
        builder.Property(w => w.Settings).HasJsonb();
        builder.Property(w => w.EncryptedApiKeys).HasJsonb();
        builder.Property(w => w.IsActive).HasDefaultValue(true).HasSentinel(true);
        builder.Property(w => w.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(w => w.UpdatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(w => w.CreatedAt);
        builder.Property(w => w.Version).IsRowVersion();
    }
}
