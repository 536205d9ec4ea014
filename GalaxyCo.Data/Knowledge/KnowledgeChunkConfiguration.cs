using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Knowledge;

public sealed class KnowledgeChunkConfiguration : TenantEntityConfiguration<KnowledgeChunk>
{
    protected override string Table => "knowledge_chunks";
    protected override bool IndexWorkspaceAndCreatedAt => false;

    protected override void ConfigureEntity(EntityTypeBuilder<KnowledgeChunk> builder)
    {
        builder.HasOne<KnowledgeItem>().WithMany().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.SearchVector).HasColumnType("tsvector");
        // Chunks are read per item (item page, re-index) and per workspace (the search index loads them); no GIN index
        // on search_vector: under forced RLS `@@` is not leakproof, so PostgreSQL would never use one for a tenant query.
        builder.HasIndex(c => new { c.WorkspaceId, c.ItemId, c.Position }).IsUnique();
    }
}
