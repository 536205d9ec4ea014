using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Crm;

public sealed class CrmImportRowConfiguration : TenantEntityConfiguration<CrmImportRow>
{
    protected override string Table => "crm_import_rows";

    protected override void ConfigureEntity(EntityTypeBuilder<CrmImportRow> builder)
    {
        builder.Property(r => r.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Before).HasJsonb();
        builder.HasOne<CrmImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.ImportId);
    }
}
