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
    }
}
