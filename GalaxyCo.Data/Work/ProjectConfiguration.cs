using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Work;

public sealed class ProjectConfiguration : TenantEntityConfiguration<Project>
{
    protected override string Table => "projects";

    protected override void ConfigureEntity(EntityTypeBuilder<Project> builder)
    {
        builder.Property(p => p.Name).IsRequired().HasMaxLength(200);
        builder.Property(p => p.CustomFields).HasJsonb();
        builder.HasOne(p => p.Customer).WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.SetNull);
        ReferencesUser(builder, p => p.ManagerId);
        builder.HasIndex(p => new { p.WorkspaceId, p.Status });
    }
}
