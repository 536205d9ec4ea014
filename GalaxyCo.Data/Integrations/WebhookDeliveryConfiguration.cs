using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Integrations;

public sealed class WebhookDeliveryConfiguration : TenantEntityConfiguration<WebhookDelivery>
{
    protected override string Table => "webhook_deliveries";

    protected override bool IndexWorkspaceAndCreatedAt => false;

    protected override void ConfigureEntity(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.Property(d => d.MessageId).IsRequired().HasMaxLength(100);
        builder.Property(d => d.EventType).IsRequired().HasMaxLength(100);
        builder.Property(d => d.RequestBody).IsRequired();
        builder.Property(d => d.Status).HasConversion<short>();
        builder.Property(d => d.Attempt).HasDefaultValue(1);
        builder.Property(d => d.IsTest).HasDefaultValue(false);
        builder.HasOne(d => d.Webhook).WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        // The delivery log of one endpoint, newest first.
        builder.HasIndex(d => new { d.WorkspaceId, d.WebhookId, d.CreatedAt, d.Id }, "ix_webhook_deliveries_log").IsDescending(false, false, true, true);
        // The sweep: what is waiting or stuck sending.
        builder.HasIndex(d => new { d.WorkspaceId, d.ScheduledAt }, "ix_webhook_deliveries_open").HasFilter("status IN (0, 1)");
        builder.HasIndex(d => d.CreatedAt);
    }
}
