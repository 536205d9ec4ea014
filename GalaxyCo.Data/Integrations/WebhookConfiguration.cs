using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Integrations;

public sealed class WebhookConfiguration : TenantEntityConfiguration<Webhook>
{
    protected override string Table => "webhooks";

    protected override void ConfigureEntity(EntityTypeBuilder<Webhook> builder)
    {
        builder.Property(w => w.Name).IsRequired().HasMaxLength(200);
        builder.Property(w => w.Url).IsRequired().HasMaxLength(2000);
        builder.Property(w => w.Secret).IsRequired();
        builder.Property(w => w.IsActive).HasDefaultValue(true).HasSentinel(true);
        builder.Property(w => w.SuccessCount).HasDefaultValue(0);
        builder.Property(w => w.FailureCount).HasDefaultValue(0);
        builder.Property(w => w.Metadata).HasJsonb();
        builder.Property(w => w.ConsecutiveFailures).HasDefaultValue(0);
        builder.Property(w => w.DisabledReason).HasMaxLength(500);
        ReferencesUser(builder, w => w.CreatedBy);
    }
}
