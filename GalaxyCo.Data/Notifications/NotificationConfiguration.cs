using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Notifications;

public sealed class NotificationConfiguration : TenantEntityConfiguration<Notification>
{
    protected override string Table => "notifications";

    protected override void ConfigureEntity(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Title).IsRequired();
        builder.Property(n => n.Message).IsRequired();
        builder.Property(n => n.Metadata).HasJsonb();
        builder.Property(n => n.IsRead).HasDefaultValue(false);
        builder.Property(n => n.IsDismissed).HasDefaultValue(false);
        builder.HasOne<Workspaces.User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.WorkspaceId, n.UserId }).HasDatabaseName("notification_workspace_user_idx");
        // A person's list, newest first (the bell's panel and the notifications page).
        builder.HasIndex(n => new { n.WorkspaceId, n.UserId, n.CreatedAt, n.Id }, "ix_notifications_person_recent").IsDescending(false, false, true, true);
        // The bell's count: unread and not dismissed.
        builder.HasIndex(n => new { n.WorkspaceId, n.UserId }, "ix_notifications_unread").HasFilter("NOT is_read AND NOT is_dismissed");
    }
}
