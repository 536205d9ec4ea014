using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Crm;

public sealed class ContactConfiguration : TenantEntityConfiguration<Contact>
{
    protected override string Table => "contacts";

    protected override void ConfigureEntity(EntityTypeBuilder<Contact> builder)
    {
        builder.Property(c => c.Email).IsRequired().HasMaxLength(256);
        builder.Property(c => c.CustomFields).HasJsonb();
        builder.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.SetNull);
        ReferencesUser(builder, c => c.AssignedTo);
        builder.HasIndex(c => new { c.WorkspaceId, c.Email });
        builder.HasIndex(c => c.CustomerId);
        // The contact list in name order (and searches for common words, which walk it and stop after a page).
        builder.HasIndex(c => new { c.WorkspaceId, c.LastName, c.FirstName, c.Id });
    }
}
