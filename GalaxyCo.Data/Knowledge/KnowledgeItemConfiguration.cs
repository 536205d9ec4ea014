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
        builder.Property(i => i.ContentHash).HasMaxLength(64);
        builder.Property(i => i.ContentType).HasMaxLength(200);
        builder.Property(i => i.Language).HasMaxLength(40).HasDefaultValue("simple");
        builder.Property(i => i.ChunkCount).HasDefaultValue(0);
        builder.HasOne(i => i.Collection).WithMany().HasForeignKey(i => i.CollectionId).OnDelete(DeleteBehavior.SetNull);
        ReferencesUser(builder, i => i.CreatedBy);
        builder.HasIndex(i => new { i.WorkspaceId, i.Status });
        // Duplicate detection looks items up by hash; the search index's freshness check reads (count, max(updated_at)).
        builder.HasIndex(i => new { i.WorkspaceId, i.ContentHash });
        builder.HasIndex(i => new { i.WorkspaceId, i.CollectionId });
        builder.HasIndex(i => new { i.WorkspaceId, i.UpdatedAt });
    }
}
