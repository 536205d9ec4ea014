using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Agents;

public sealed class AgentExecutionConfiguration : TenantEntityConfiguration<AgentExecution>
{
    protected override string Table => "agent_executions";

    protected override void ConfigureEntity(EntityTypeBuilder<AgentExecution> builder)
    {
        builder.HasOne(e => e.Agent).WithMany().HasForeignKey(e => e.AgentId).OnDelete(DeleteBehavior.Cascade);
        ReferencesUser(builder, e => e.TriggeredBy);
        builder.Property(e => e.Input).HasJsonb();
        builder.Property(e => e.Output!).HasJsonb();
        builder.Property(e => e.Error!).HasJsonb();
        builder.HasIndex(e => new { e.WorkspaceId, e.CreatedAt }).HasDatabaseName("execution_workspace_created_idx");
        builder.HasIndex(e => e.AgentId);
    }
}
