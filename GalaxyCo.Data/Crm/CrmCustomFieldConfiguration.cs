using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Crm;

public sealed class CrmCustomFieldConfiguration : TenantEntityConfiguration<CrmCustomField>
{
    protected override string Table => "crm_custom_fields";

    protected override void ConfigureEntity(EntityTypeBuilder<CrmCustomField> builder)
    {
        builder.Property(f => f.RecordType).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.FieldType).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Key).IsRequired().HasMaxLength(60);
        builder.Property(f => f.Label).IsRequired().HasMaxLength(100);
        builder.HasIndex(f => new { f.WorkspaceId, f.RecordType, f.Key }).IsUnique();
    }
}
