using GalaxyCo.Data;

namespace GalaxyCo.Domain.Invoices;

/// <summary>One line as the editor sends it. <paramref name="UnitPrice"/> is in minor units of the invoice's currency.</summary>
public sealed record LineItemInput(string Description, decimal Quantity, long UnitPrice, decimal DiscountPercent = 0, decimal TaxRatePercent = 0, Guid? TaskId = null);

/// <summary>A draft's fields. Dates are calendar dates (no time, no zone).</summary>
public sealed record InvoiceInput
{
    public Guid CustomerId { get; init; }
    public Guid? ProjectId { get; init; }

    /// <summary>ISO 4217 code, e.g. USD (the default), EUR, JPY (0 decimals), KWD (3 decimals).</summary>
    public string Currency { get; init; } = "USD";

    public DateOnly IssueDate { get; init; }
    public DateOnly DueDate { get; init; }
    public IReadOnlyList<LineItemInput> Items { get; init; } = [];
    public string? Notes { get; init; }
    public string? Terms { get; init; }
}

/// <summary>A line with the amounts the server worked out (minor units, rounded per line half away from zero).</summary>
public sealed record InvoiceLineView(string Description, decimal Quantity, long UnitPrice, decimal DiscountPercent, decimal TaxRatePercent, long Amount, long TaxAmount, Guid? TaskId);

/// <summary>Tax per rate: what it applies to and how much it is.</summary>
public sealed record TaxLine(decimal RatePercent, long Taxable, long Tax);

public sealed record PaymentView(Guid Id, long Amount, DateOnly PaidOn, string Method, string? Reference, string? Note, DateTime RecordedAt,
    bool IsReversed, DateTime? ReversedAt, string? ReversalReason);

/// <summary>An invoice for the detail page, with what the signed-in member may do with it now.</summary>
public sealed record InvoiceView
{
    public required Guid Id { get; init; }

    /// <summary>The number (INV-2026-0042) once sent; a draft shows "Draft".</summary>
    public required string Number { get; init; }

    public bool IsNumbered { get; init; }
    public InvoiceStatus Status { get; init; }
    public Guid CustomerId { get; init; }
    public string CustomerName { get; init; } = "";
    public string? CustomerEmail { get; init; }
    public Guid? ProjectId { get; init; }
    public string? ProjectName { get; init; }
    public string Currency { get; init; } = "USD";
    public IReadOnlyList<InvoiceLineView> Items { get; init; } = [];
    public IReadOnlyList<TaxLine> TaxBreakdown { get; init; } = [];
    public long Subtotal { get; init; }
    public long Tax { get; init; }
    public long Total { get; init; }
    public long AmountPaid { get; init; }
    public long Balance { get; init; }
    public DateOnly? IssueDate { get; init; }
    public DateOnly? DueDate { get; init; }
    public DateTime? SentAt { get; init; }
    public DateTime? PaidAt { get; init; }
    public DateTime? CancelledAt { get; init; }
    public string? Notes { get; init; }
    public string? Terms { get; init; }
    public IReadOnlyList<PaymentView> Payments { get; init; } = [];

    /// <summary>Row version for optimistic concurrency: pass it back to edits.</summary>
    public uint Version { get; init; }

    public bool CanEdit { get; init; }
    public bool CanDelete { get; init; }
    public bool CanSend { get; init; }
    public bool CanCancel { get; init; }
    public bool CanRecordPayment { get; init; }
}

/// <summary>One row of the invoice list.</summary>
public sealed record InvoiceRow(Guid Id, string Number, InvoiceStatus Status, Guid CustomerId, string CustomerName, string Currency,
    long Total, long AmountPaid, long Balance, DateOnly? IssueDate, DateOnly? DueDate, DateTime? PaidAt);

public enum InvoiceSort { IssueDateDesc, IssueDateAsc, DueDateAsc, TotalDesc, NumberDesc }

public sealed record InvoiceQuery
{
    public const int MaxPageSize = 200;

    /// <summary>Null: every status (the "All" tab).</summary>
    public InvoiceStatus? Status { get; init; }

    /// <summary>Matches the invoice number (prefix) or the customer's name (word prefix).</summary>
    public string? Search { get; init; }

    public Guid? CustomerId { get; init; }
    public DateOnly? IssuedFrom { get; init; }
    public DateOnly? IssuedTo { get; init; }
    public InvoiceSort Sort { get; init; } = InvoiceSort.IssueDateDesc;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

/// <param name="StatusCounts">Invoices per status tab (ignoring the status filter, honouring the others).</param>
public sealed record InvoicePage(IReadOnlyList<InvoiceRow> Items, int Total, IReadOnlyDictionary<InvoiceStatus, int> StatusCounts);

/// <summary><paramref name="Amount"/> in minor units, positive. Methods: <see cref="PaymentMethods"/>.</summary>
public sealed record PaymentInput(long Amount, DateOnly PaidOn, string Method, string? Reference = null, string? Note = null);

public static class PaymentMethods
{
    public const string BankTransfer = "bank_transfer";
    public const string Card = "card";
    public const string Cash = "cash";
    public const string Check = "check";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [BankTransfer, Card, Cash, Check, Other];

    public static string Describe(string method) => method switch
    {
        BankTransfer => "Bank transfer",
        Card => "Card",
        Cash => "Cash",
        Check => "Check",
        _ => "Other",
    };
}

/// <summary>Open balances (sent or overdue) by how late they are on <paramref name="AsOf"/>, per currency.</summary>
public sealed record AgingReport(DateOnly AsOf, IReadOnlyList<AgingRow> Currencies);

/// <summary>Current = not yet due; the other buckets are days past the due date.</summary>
public sealed record AgingRow(string Currency, long Current, long Days1To30, long Days31To60, long Days61To90, long Over90)
{
    public long Total => Current + Days1To30 + Days31To60 + Days61To90 + Over90;
}

public sealed record CustomerBalance(Guid CustomerId, string CustomerName, string Currency, int OpenInvoices, long Outstanding, long Overdue);

/// <summary>Paid invoices' totals by the month they were paid, per currency.</summary>
public sealed record RevenueMonth(int Year, int Month, string Currency, long Total);

/// <summary>A workspace's invoicing settings as the settings page edits them.</summary>
public sealed record InvoiceSettingsView
{
    public string Prefix { get; init; } = "INV-";
    public bool IncludeYear { get; init; } = true;
    public int Padding { get; init; } = 4;
    public int NextNumber { get; init; } = 1;
    public string DefaultCurrency { get; init; } = "USD";
    public int DefaultNetDays { get; init; } = 30;
    public string? DefaultTerms { get; init; }
    public string? DefaultNotes { get; init; }
    public string? BusinessName { get; init; }
    public string? BusinessAddress { get; init; }
    public string? BusinessEmail { get; init; }
    public string? TaxId { get; init; }
    public bool HasLogo { get; init; }

    /// <summary>What the next sent invoice's number will look like, e.g. INV-2026-0042.</summary>
    public string NextNumberPreview { get; init; } = "";

    public uint Version { get; init; }
}

/// <summary>A rendered file for download.</summary>
public sealed record InvoiceFile(string FileName, string ContentType, byte[] Content);
