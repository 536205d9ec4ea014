using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Calendar;

public sealed class CalendarFeedTokenConfiguration : TenantEntityConfiguration<CalendarFeedToken>
{
    protected override string Table => "calendar_feed_tokens";

    protected override bool IndexWorkspaceAndCreatedAt => false;

    protected override void ConfigureEntity(EntityTypeBuilder<CalendarFeedToken> builder)
    {
        builder.Property(t => t.TokenHash).IsRequired().HasMaxLength(64);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.WorkspaceId, t.TokenHash }).IsUnique();
        builder.HasIndex(t => new { t.WorkspaceId, t.UserId });
    }
}
