using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Audit;

public sealed class AuditLogConfiguration : TenantEntityConfiguration<AuditLog>
{
    protected override string Table => "audit_logs";

    protected override void ConfigureEntity(EntityTypeBuilder<AuditLog> builder)
    {
        builder.Property(a => a.Action).IsRequired().HasMaxLength(50);
        builder.Property(a => a.ResourceType).IsRequired().HasMaxLength(50);
        builder.Property(a => a.CreatedAt).IsRequired();
        builder.Property(a => a.Changes).HasJsonb();
        builder.Property(a => a.Metadata).HasJsonb();
        ReferencesUser(builder, a => a.UserId);
        builder.HasIndex(a => new { a.WorkspaceId, a.CreatedAt }).HasDatabaseName("audit_workspace_created_idx");
        builder.HasIndex(a => new { a.WorkspaceId, a.ResourceType, a.ResourceId });
    }
}
