using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Crm;

public sealed class CustomerConfiguration : TenantEntityConfiguration<Customer>
{
    protected override string Table => "customers";

    protected override void ConfigureEntity(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.Name).IsRequired().HasMaxLength(200);
        builder.Property(c => c.Address).HasJsonb();
        builder.Property(c => c.CustomFields).HasJsonb();
        ReferencesUser(builder, c => c.AssignedTo);
        builder.HasIndex(c => new { c.WorkspaceId, c.Name, c.Id });
        builder.HasIndex(c => new { c.WorkspaceId, c.Status }).HasDatabaseName("customer_workspace_status_idx");
        builder.HasIndex(c => c.CustomFields).HasMethod("gin").HasDatabaseName("customer_custom_fields_gin_idx");
    }
}
