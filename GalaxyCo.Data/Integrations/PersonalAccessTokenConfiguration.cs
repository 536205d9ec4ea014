using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Integrations;

public sealed class PersonalAccessTokenConfiguration : TenantEntityConfiguration<PersonalAccessToken>
{
    protected override string Table => "personal_access_tokens";
    protected override bool IndexWorkspaceAndCreatedAt => false;

    protected override void ConfigureEntity(EntityTypeBuilder<PersonalAccessToken> builder)
    {
        builder.Property(t => t.Name).IsRequired().HasMaxLength(100);
        builder.Property(t => t.TokenPrefix).IsRequired().HasMaxLength(16);
        builder.Property(t => t.TokenHash).IsRequired().HasMaxLength(64);
        builder.Property(t => t.Scope).HasConversion<short>();
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.WorkspaceId, t.TokenHash }).IsUnique();
        builder.HasIndex(t => new { t.WorkspaceId, t.UserId });
    }
}
