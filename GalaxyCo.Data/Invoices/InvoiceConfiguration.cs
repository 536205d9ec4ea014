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
        builder.HasIndex(i => new { i.WorkspaceId, i.NumberSequence }).IsUnique().HasFilter("number_sequence IS NOT NULL");

        var ranks = string.Join(" ", Enum.GetValues<InvoiceStatus>().Select(s => $"WHEN '{s.ToString().ToLowerInvariant()}' THEN {Invoice.RankOf(s)}"));
        builder.Property(i => i.StatusRank).HasComputedColumnSql($"CASE status {ranks} END", stored: true);
        builder.Property(i => i.IsOpen).HasComputedColumnSql("status IN ('sent', 'overdue')", stored: true);
        builder.Property(i => i.Balance).HasComputedColumnSql("total - amount_paid", stored: true);
        // The list: a status tab (or all) newest first. Aging and reminders: open invoices by due date.
        // Per-customer balances and revenue by month (paid invoices by paid_at).
        builder.HasIndex(i => new { i.WorkspaceId, i.StatusRank, i.IssueDate, i.Id });
        builder.HasIndex(i => new { i.WorkspaceId, i.IssueDate, i.Id });
        builder.HasIndex(i => new { i.WorkspaceId, i.IsOpen, i.DueDate }).IncludeProperties(i => new { i.Balance, i.CustomerId });
        builder.HasIndex(i => new { i.WorkspaceId, i.CustomerId, i.StatusRank }).IncludeProperties(i => new { i.Balance });
        builder.HasIndex(i => new { i.WorkspaceId, i.StatusRank, i.PaidAt }).IncludeProperties(i => new { i.Total });
        // The list's other sorts: by due date and by amount, in a tab or over all.
        builder.HasIndex(i => new { i.WorkspaceId, i.DueDate, i.Id });
        builder.HasIndex(i => new { i.WorkspaceId, i.StatusRank, i.DueDate, i.Id });
        builder.HasIndex(i => new { i.WorkspaceId, i.Total, i.Id });
        builder.HasIndex(i => new { i.WorkspaceId, i.StatusRank, i.Total, i.Id });
    }
}

public sealed class InvoicePaymentConfiguration : TenantEntityConfiguration<InvoicePayment>
{
    protected override string Table => "invoice_payments";

    protected override bool IndexWorkspaceAndCreatedAt => false;

    protected override void ConfigureEntity(EntityTypeBuilder<InvoicePayment> builder)
    {
        builder.Property(p => p.Method).IsRequired().HasMaxLength(30);
        builder.Property(p => p.Reference).HasMaxLength(200);
        builder.Property(p => p.Note).HasMaxLength(1000);
        builder.Property(p => p.ReversalReason).HasMaxLength(1000);
        builder.HasOne(p => p.Invoice).WithMany(i => i.Payments).HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.WorkspaceId, p.InvoiceId });
    }
}

public sealed class InvoiceSettingsConfiguration : TenantEntityConfiguration<InvoiceSettings>
{
    protected override string Table => "invoice_settings";

    protected override bool IndexWorkspaceAndCreatedAt => false;

    protected override void ConfigureEntity(EntityTypeBuilder<InvoiceSettings> builder)
    {
        builder.Property(s => s.Prefix).IsRequired().HasMaxLength(20);
        builder.Property(s => s.DefaultCurrency).IsRequired().HasMaxLength(3);
        builder.Property(s => s.DefaultTerms).HasMaxLength(5000);
        builder.Property(s => s.DefaultNotes).HasMaxLength(5000);
        builder.Property(s => s.BusinessName).HasMaxLength(200);
        builder.Property(s => s.BusinessAddress).HasMaxLength(1000);
        builder.Property(s => s.BusinessEmail).HasMaxLength(320);
        builder.Property(s => s.TaxId).HasMaxLength(100);
        builder.Property(s => s.LogoContentType).HasMaxLength(50);
        builder.HasIndex(s => s.WorkspaceId).IsUnique();
    }
}

public sealed class InvoiceStatusCountConfiguration : TenantEntityConfiguration<InvoiceStatusCount>
{
    protected override string Table => "invoice_status_counts";

    protected override bool IndexWorkspaceAndCreatedAt => false;

    protected override void ConfigureEntity(EntityTypeBuilder<InvoiceStatusCount> builder) =>
        builder.HasIndex(c => new { c.WorkspaceId, c.StatusRank }).IsUnique();
}
