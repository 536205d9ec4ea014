using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Agents;

public sealed class AgentScheduleConfiguration : TenantEntityConfiguration<AgentSchedule>
{
    protected override string Table => "agent_schedules";

    protected override void ConfigureEntity(EntityTypeBuilder<AgentSchedule> builder)
    {
        builder.HasOne(s => s.Agent).WithMany().HasForeignKey(s => s.AgentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.TriggerType).IsRequired().HasDefaultValue("manual");
        builder.Property(s => s.Timezone).HasDefaultValue("America/Chicago");
        builder.Property(s => s.Enabled).HasDefaultValue(true).HasSentinel(true);
        builder.HasIndex(s => s.AgentId);
        builder.HasIndex(s => s.NextRunAt);
    }
}
