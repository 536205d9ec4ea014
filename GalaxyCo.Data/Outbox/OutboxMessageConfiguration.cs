using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Outbox;

public sealed class OutboxMessageConfiguration : TenantEntityConfiguration<OutboxMessage>
{
    protected override string Table => "outbox_messages";

    protected override void ConfigureEntity(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.EventType).IsRequired().HasMaxLength(100);
        builder.Property(m => m.Payload).HasJsonb();
        // The dispatcher reads what is still pending, oldest first.
        builder.HasIndex(m => m.CreatedAt, "ix_outbox_messages_pending").HasFilter("processed_at IS NULL");
        // The dispatcher works one workspace at a time (RLS), so it reads that workspace's pending events.
        builder.HasIndex(m => new { m.WorkspaceId, m.CreatedAt }, "ix_outbox_messages_workspace_pending").HasFilter("processed_at IS NULL");
    }
}
