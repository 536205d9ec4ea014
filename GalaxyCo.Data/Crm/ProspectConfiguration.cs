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
        var stages = string.Join(" ", Enum.GetValues<ProspectStage>().Select(s => $"WHEN '{s.ToString().ToLowerInvariant()}' THEN {Prospect.OrderOf(s)}"));
        builder.Property(p => p.StageOrder).HasComputedColumnSql($"CASE stage {stages} END", stored: true);
        // The board reads one column at a time, in order (by stage_order: see Prospect.StageOrder).
        builder.HasIndex(p => new { p.WorkspaceId, p.StageOrder, p.Position, p.Id });
        // The prospect list sorted by value, and by name (which also lets a search for a common word stop after a page).
        builder.HasIndex(p => new { p.WorkspaceId, p.EstimatedValue });
        builder.HasIndex(p => new { p.WorkspaceId, p.Name, p.Id });
        // Pipeline value per stage without touching the table.
        builder.HasIndex(p => new { p.WorkspaceId, p.Stage }, "ix_prospects_workspace_stage_value").IncludeProperties(p => p.EstimatedValue);
    }
}
