using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Inbox;

public sealed class EmailThreadConfiguration : TenantEntityConfiguration<EmailThread>
{
    protected override string Table => "email_threads";

    protected override void ConfigureEntity(EntityTypeBuilder<EmailThread> builder)
    {
        builder.Property(t => t.Subject).IsRequired();
        builder.Property(t => t.MessageCount).HasDefaultValue(0);
        builder.Property(t => t.Folder).HasDefaultValue("inbox");
        builder.Property(t => t.Participants).HasJsonb();
        builder.HasIndex(t => new { t.WorkspaceId, t.Folder, t.LastMessageAt });
    }
}
