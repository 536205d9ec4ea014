using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Knowledge;

public sealed class KnowledgeItemConfiguration : TenantEntityConfiguration<KnowledgeItem>
{
    protected override string Table => "knowledge_items";

    protected override void ConfigureEntity(EntityTypeBuilder<KnowledgeItem> builder)
    {
        builder.Property(i => i.Title).IsRequired().HasMaxLength(500);
        builder.Property(i => i.Embeddings).HasJsonb();
        builder.HasOne(i => i.Collection).WithMany().HasForeignKey(i => i.CollectionId).OnDelete(DeleteBehavior.SetNull);
        ReferencesUser(builder, i => i.CreatedBy);
        builder.HasIndex(i => new { i.WorkspaceId, i.Status });
    }
}
