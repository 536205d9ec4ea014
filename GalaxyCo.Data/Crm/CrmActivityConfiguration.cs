using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Crm;

public sealed class CrmActivityConfiguration : TenantEntityConfiguration<CrmActivity>
{
    protected override string Table => "crm_activities";

    protected override void ConfigureEntity(EntityTypeBuilder<CrmActivity> builder)
    {
        builder.Property(a => a.RecordType).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Body).HasMaxLength(20_000);
        builder.Property(a => a.Data).HasJsonb();
        builder.Property(a => a.OccurredAt).HasDefaultValueSql("now()");
        ReferencesUser(builder, a => a.ActorId);
        // A record's timeline, newest first.
        builder.HasIndex(a => new { a.WorkspaceId, a.RecordId, a.OccurredAt });
    }
}
