using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Outbox;

public sealed class OutboxMessageConfiguration : TenantEntityConfiguration<OutboxMessage>
{
    protected override string Table => "outbox_messages";

    /// <summary>
    /// Not a seed table, and written on every domain event (100k rows by one CSV import), so it keeps only what is
    /// read: the dispatcher's pending index and workspace_id (the cascade when a workspace is deleted). Each index is
    /// written on every insert.
    /// </summary>
    protected override bool IndexWorkspaceAndCreatedAt => false;

    protected override void ConfigureEntity(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.EventType).IsRequired().HasMaxLength(100);
        builder.Property(m => m.Payload).HasJsonb();
        // The dispatcher works one workspace at a time (RLS), so it reads that workspace's pending events.
        builder.HasIndex(m => new { m.WorkspaceId, m.CreatedAt }, "ix_outbox_messages_workspace_pending").HasFilter("processed_at IS NULL");
        builder.HasIndex(m => m.WorkspaceId);
    }
}
