using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Agents;

public sealed class AgentConfiguration : TenantEntityConfiguration<Agent>
{
    protected override string Table => "agents";

    protected override void ConfigureEntity(EntityTypeBuilder<Agent> builder)
    {
        builder.Property(a => a.Name).IsRequired().HasMaxLength(200);
        builder.Property(a => a.Config).HasJsonb();
        builder.Property(a => a.IsCustom).HasDefaultValue(true).HasSentinel(true);
        builder.Property(a => a.ExecutionCount).HasDefaultValue(0);
        ReferencesUser(builder, a => a.CreatedBy);
        builder.HasIndex(a => new { a.WorkspaceId, a.Status }).HasDatabaseName("agent_workspace_status_idx");
        builder.HasIndex(a => a.Config).HasMethod("gin").HasDatabaseName("agent_config_gin_idx");
    }
}
