using GalaxyCo.Data.Json;

namespace GalaxyCo.Data.Invoices;

public class Invoice : EditableTenantEntity
{
    /// <summary>Drafts carry a placeholder (DRAFT-…); the real number is given when the invoice is sent.</summary>
    public string InvoiceNumber { get; set; } = "";
    public InvoiceStatus Status { get; set; } = InvoiceStatus.Draft;
    public Guid CustomerId { get; set; }
    public Crm.Customer? Customer { get; set; }
    public Guid? ProjectId { get; set; }
    /// <summary>Amounts in minor units of <see cref="Currency"/> (cents for USD, yen for JPY, fils for KWD).</summary>
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

    /// <summary>Not in the seed. The position in the workspace's numbering (1, 2, 3 … in the order invoices were sent); null for drafts.</summary>
    public int? NumberSequence { get; set; }

    /// <summary>Not in the seed. When the invoice was sent (numbered); null for drafts.</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>Not in the seed. When the invoice was voided.</summary>
    public DateTime? CancelledAt { get; set; }

    /// <summary>Not in the seed. Who created it.</summary>
    public Guid? CreatedBy { get; set; }

    /// <summary>Stored, generated: the status as a small number (draft 0, sent 1, overdue 2, paid 3, cancelled 4), which indexes can use under RLS where the enum can't.</summary>
    public short StatusRank { get; private set; }

    /// <summary>Stored, generated: sent or overdue, i.e. money is still expected.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>Stored, generated: total - amount_paid.</summary>
    public long Balance { get; private set; }

    public List<InvoicePayment> Payments { get; set; } = [];

    public static short RankOf(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Draft => 0,
        InvoiceStatus.Sent => 1,
        InvoiceStatus.Overdue => 2,
        InvoiceStatus.Paid => 3,
        _ => 4,
    };
}

/// <summary>
/// Not in the seed. One payment recorded against an invoice. A reversal keeps the row (marked reversed) so the
/// history stays readable; invoices.amount_paid is the sum of the payments not reversed.
/// </summary>
public class InvoicePayment : EditableTenantEntity
{
    public Guid InvoiceId { get; set; }
    public Invoice? Invoice { get; set; }
    /// <summary>Minor units of the invoice's currency, always positive.</summary>
    public long Amount { get; set; }
    public DateOnly PaidOn { get; set; }
    /// <summary>bank_transfer, card, cash, check, other.</summary>
    public string Method { get; set; } = "bank_transfer";
    public string? Reference { get; set; }
    public string? Note { get; set; }
    public Guid? RecordedBy { get; set; }
    public DateTime? ReversedAt { get; set; }
    public Guid? ReversedBy { get; set; }
    public string? ReversalReason { get; set; }
}

/// <summary>
/// Not in the seed. A workspace's invoicing settings (one row per workspace): the number format and counter, the
/// defaults for new invoices, and the business details printed on the PDF.
/// </summary>
public class InvoiceSettings : EditableTenantEntity
{
    public string Prefix { get; set; } = "INV-";
    public bool IncludeYear { get; set; } = true;
    /// <summary>Digits of the sequence number, zero-padded (4: 0042).</summary>
    public int Padding { get; set; } = 4;
    /// <summary>The sequence number the next sent invoice gets. Taken under a row lock inside the send's transaction, so numbers are gapless.</summary>
    public int NextNumber { get; set; } = 1;
    public string DefaultCurrency { get; set; } = "USD";
    public int DefaultNetDays { get; set; } = 30;
    public string? DefaultTerms { get; set; }
    public string? DefaultNotes { get; set; }
    public string? BusinessName { get; set; }
    /// <summary>Multi-line postal address.</summary>
    public string? BusinessAddress { get; set; }
    public string? BusinessEmail { get; set; }
    public string? TaxId { get; set; }
    /// <summary>PNG or JPEG, at most 256 KB.</summary>
    public byte[]? Logo { get; set; }
    public string? LogoContentType { get; set; }
}

/// <summary>
/// Not in the seed. How many invoices a workspace has per status (rank), kept by statement triggers on invoices in the
/// same transaction as the change: the list's status tabs read seven rows instead of counting 100k.
/// </summary>
public class InvoiceStatusCount : TenantEntity
{
    public short StatusRank { get; set; }
    public int Count { get; set; }
}
