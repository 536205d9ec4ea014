using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Workspaces;

public sealed class WorkspaceMemberConfiguration : TenantEntityConfiguration<WorkspaceMember>
{
    protected override string Table => "workspace_members";

    protected override void ConfigureEntity(EntityTypeBuilder<WorkspaceMember> builder)
    {
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        ReferencesUser(builder, m => m.InvitedBy);
        builder.Property(m => m.Permissions).HasJsonb();
        builder.Property(m => m.IsActive).HasDefaultValue(true).HasSentinel(true);
        builder.HasIndex(m => new { m.WorkspaceId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
    }
}
