using GalaxyCo.Data;

namespace GalaxyCo.Domain.Invoices;

/// <summary>Everything printed on an invoice PDF, already loaded: the writer never touches the database.</summary>
internal sealed record InvoicePdfModel
{
    public required string Number { get; init; }
    public InvoiceStatus Status { get; init; }
    public string Currency { get; init; } = "USD";
    public DateOnly? IssueDate { get; init; }
    public DateOnly? DueDate { get; init; }

    public string BusinessName { get; init; } = "";
    public string? BusinessAddress { get; init; }
    public string? BusinessEmail { get; init; }
    public string? TaxId { get; init; }

    /// <summary>PNG or JPEG bytes; a file that cannot be read is left out rather than failing the render.</summary>
    public byte[]? Logo { get; init; }

    public string CustomerName { get; init; } = "";

    /// <summary>Postal address, one line per entry.</summary>
    public IReadOnlyList<string> CustomerAddress { get; init; } = [];
    public string? CustomerEmail { get; init; }

    public IReadOnlyList<InvoiceLineView> Items { get; init; } = [];
    public IReadOnlyList<TaxLine> TaxBreakdown { get; init; } = [];
    public long Subtotal { get; init; }
    public long Tax { get; init; }
    public long Total { get; init; }
    public long AmountPaid { get; init; }
    public long Balance { get; init; }
    public string? Notes { get; init; }
    public string? Terms { get; init; }
}
