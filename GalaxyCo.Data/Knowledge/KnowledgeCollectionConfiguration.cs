using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Knowledge;

public sealed class KnowledgeCollectionConfiguration : TenantEntityConfiguration<KnowledgeCollection>
{
    protected override string Table => "knowledge_collections";

    protected override void ConfigureEntity(EntityTypeBuilder<KnowledgeCollection> builder)
    {
        builder.Property(c => c.Name).IsRequired().HasMaxLength(200);
        builder.Property(c => c.ItemCount).HasDefaultValue(0);
        ReferencesUser(builder, c => c.CreatedBy);
    }
}
