using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Knowledge;

public sealed class KnowledgeItemFileConfiguration : TenantEntityConfiguration<KnowledgeItemFile>
{
    protected override string Table => "knowledge_item_files";
    protected override bool IndexWorkspaceAndCreatedAt => false;

    protected override void ConfigureEntity(EntityTypeBuilder<KnowledgeItemFile> builder)
    {
        builder.HasOne<KnowledgeItem>().WithOne().HasForeignKey<KnowledgeItemFile>(f => f.Id).OnDelete(DeleteBehavior.Cascade);
        builder.Property(f => f.ContentType).HasMaxLength(200);
        builder.Property(f => f.FileName).HasMaxLength(500);
        builder.HasIndex(f => f.WorkspaceId);
    }
}
