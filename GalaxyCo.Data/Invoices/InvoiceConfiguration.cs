using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Invoices;

public sealed class InvoiceConfiguration : TenantEntityConfiguration<Invoice>
{
    protected override string Table => "invoices";

    protected override void ConfigureEntity(EntityTypeBuilder<Invoice> builder)
    {
        builder.Property(i => i.InvoiceNumber).IsRequired().HasMaxLength(50);
        builder.Property(i => i.Currency).IsRequired().HasMaxLength(3).HasDefaultValue("USD");
        builder.Property(i => i.Items).HasJsonb();
        builder.HasOne(i => i.Customer).WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Project>().WithMany().HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(i => new { i.WorkspaceId, i.InvoiceNumber }).IsUnique();
        builder.HasIndex(i => new { i.WorkspaceId, i.Status }).IncludeProperties(i => new { i.Total, i.AmountPaid });
    }
}
