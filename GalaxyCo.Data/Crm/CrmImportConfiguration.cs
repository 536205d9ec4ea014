using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Crm;

public sealed class CrmImportConfiguration : TenantEntityConfiguration<CrmImport>
{
    protected override string Table => "crm_imports";

    protected override void ConfigureEntity(EntityTypeBuilder<CrmImport> builder)
    {
        builder.Property(i => i.RecordType).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.MatchRule).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.FileName).IsRequired().HasMaxLength(255);
        builder.Property(i => i.Mapping).HasJsonb();
        builder.Property(i => i.FailureReason).HasMaxLength(2000);
        ReferencesUser(builder, i => i.CreatedBy);
    }
}
