using GalaxyCo.Data.Json;

namespace GalaxyCo.Data.Invoices;

public class Invoice : EditableTenantEntity
{
    public string InvoiceNumber { get; set; } = "";
    public InvoiceStatus Status { get; set; } = InvoiceStatus.Draft;
    public Guid CustomerId { get; set; }
    public Crm.Customer? Customer { get; set; }
    public Guid? ProjectId { get; set; }
    /// <summary>Amounts in cents.</summary>
    public long Subtotal { get; set; }
    public long Tax { get; set; }
    public long Total { get; set; }
    public long AmountPaid { get; set; }
    public string Currency { get; set; } = "USD";
    public List<InvoiceLineItem> Items { get; set; } = [];
    public DateTime? IssueDate { get; set; }
    public DateTime? DueDate { get; set; }
    public DateTime? PaidAt { get; set; }
    public string? Notes { get; set; }
    public string? Terms { get; set; }
}
