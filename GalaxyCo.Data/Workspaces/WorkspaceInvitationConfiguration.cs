using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Workspaces;

public sealed class WorkspaceInvitationConfiguration : TenantEntityConfiguration<WorkspaceInvitation>
{
    protected override string Table => "workspace_invitations";

    protected override void ConfigureEntity(EntityTypeBuilder<WorkspaceInvitation> builder)
    {
        builder.Property(i => i.Email).IsRequired().HasMaxLength(256);
        builder.Property(i => i.TokenHash).IsRequired().HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.WorkspaceId, i.Email });
        ReferencesUser(builder, i => i.InvitedBy);
        ReferencesUser(builder, i => i.AcceptedBy);
    }
}
