using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Crm;

public sealed class ProspectConfiguration : TenantEntityConfiguration<Prospect>
{
    protected override string Table => "prospects";

    protected override void ConfigureEntity(EntityTypeBuilder<Prospect> builder)
    {
        builder.Property(p => p.Name).IsRequired().HasMaxLength(200);
        builder.Property(p => p.CustomFields).HasJsonb();
        builder.Property(p => p.InteractionCount).HasDefaultValue(0);
        builder.HasOne(p => p.Customer).WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.SetNull);
        ReferencesUser(builder, p => p.AssignedTo);
        // The board reads one column at a time, in order.
        builder.HasIndex(p => new { p.WorkspaceId, p.Stage, p.Position });
        // Pipeline value per stage without touching the table.
        builder.HasIndex(p => new { p.WorkspaceId, p.Stage }, "ix_prospects_workspace_stage_value").IncludeProperties(p => p.EstimatedValue);
    }
}
