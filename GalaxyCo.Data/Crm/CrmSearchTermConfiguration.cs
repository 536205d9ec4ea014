using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Crm;

public sealed class CrmSearchTermConfiguration : TenantEntityConfiguration<CrmSearchTerm>
{
    protected override string Table => "crm_search_terms";

    /// <summary>(workspace_id, record_type, term, record_id) serves every read; bulk imports write millions of these rows.</summary>
    protected override bool IndexWorkspaceAndCreatedAt => false;

    protected override void ConfigureEntity(EntityTypeBuilder<CrmSearchTerm> builder)
    {
        // Written by the trigger, which has no EF to make ids.
        builder.Property(t => t.Id).HasDefaultValueSql("gen_random_uuid()");
        builder.Property(t => t.RecordType).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Term).IsRequired().HasMaxLength(200).UseCollation("C");
        builder.Property(t => t.SortKey).HasMaxLength(300);
        builder.HasIndex(t => new { t.WorkspaceId, t.RecordType, t.Term, t.RecordId }).IncludeProperties(t => t.SortKey);
        builder.HasIndex(t => t.RecordId);
    }
}
