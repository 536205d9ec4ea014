using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Crm;

public sealed class CrmSavedViewConfiguration : TenantEntityConfiguration<CrmSavedView>
{
    protected override string Table => "crm_saved_views";

    protected override void ConfigureEntity(EntityTypeBuilder<CrmSavedView> builder)
    {
        builder.Property(v => v.RecordType).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Name).IsRequired().HasMaxLength(100);
        builder.Property(v => v.Filters).HasJsonb();
        builder.Property(v => v.Sort).HasMaxLength(50);
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.WorkspaceId, v.RecordType, v.OwnerId });
    }
}
