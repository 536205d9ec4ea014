using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Invoices;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// 24 invoices in every status: sent ones numbered INV-0001... in issue order (drafts carry the app's DRAFT- placeholder),
/// line items whose totals agree to the cent (see <see cref="InvoiceMath"/>), dates that fit the status (overdue ones
/// are past due), payments behind every amount paid, and the workspace's invoice settings continuing the numbering.
/// </summary>
internal static class DemoInvoices
{
    private const string Prefix = "INV-";
    private const int Padding = 4;

    public const string Terms = "Net 30. Payment by ACH or card; late balances accrue 1.5% per month.";

    private static readonly (InvoiceStatus Status, int Count)[] Mix =
        [(InvoiceStatus.Paid, 10), (InvoiceStatus.Sent, 5), (InvoiceStatus.Overdue, 4), (InvoiceStatus.Draft, 3), (InvoiceStatus.Cancelled, 2)];

    /// <summary>Catalogue lines: unit prices in whole dollars and quantities in halves, so every line is whole cents.</summary>
    private static readonly (string Description, long UnitDollars, int MinHalves, int MaxHalves)[] Catalogue =
    [
        ("Consulting — senior engineer (hours)", 185, 8, 80),
        ("Project management (hours)", 120, 4, 40),
        ("Design sprint (fixed fee)", 4500, 2, 2),
        ("GalaxyCo Professional — annual seat", 480, 10, 80),
        ("Onboarding & training workshop", 1200, 2, 4),
        ("Support retainer (month)", 2000, 2, 6),
        ("Data migration (fixed fee)", 3800, 2, 2),
        ("Cloud hosting pass-through (month)", 350, 2, 12),
    ];

    private static readonly decimal[] TaxRates = [0m, 6.25m, 8.25m, 10.25m];

    public static void Build(DemoData d)
    {
        var billable = d.Customers.Where(c => c.Status is CustomerStatus.Active or CustomerStatus.Inactive).ToList();
        var invoices = new List<Invoice>();
        foreach (var (status, count) in Mix)
        {
            for (var i = 0; i < count; i++) invoices.Add(NewInvoice(d, status, d.Random.ListItem(billable)));
        }

        // Numbers follow the order invoices were sent (issued); drafts have no number of their own yet.
        var n = 0;
        foreach (var invoice in invoices.OrderBy(x => x.Status == InvoiceStatus.Draft).ThenBy(x => x.IssueDate).ThenBy(x => x.CreatedAt))
        {
            if (invoice.Status == InvoiceStatus.Draft)
            {
                invoice.InvoiceNumber = InvoiceNumbering.DraftPlaceholder(invoice.Id);
            }
            else
            {
                invoice.NumberSequence = ++n;
                invoice.InvoiceNumber = InvoiceNumbering.Format(Prefix, includeYear: false, Padding, n, DateOnly.FromDateTime(invoice.IssueDate!.Value));
                invoice.SentAt = invoice.IssueDate;
            }
            if (invoice.Status == InvoiceStatus.Cancelled) invoice.CancelledAt = invoice.IssueDate!.Value.AddDays(4);
            d.Invoices.Add(invoice);
            if (invoice.AmountPaid > 0)
            {
                d.InvoicePayments.Add(new InvoicePayment
                {
                    WorkspaceId = d.WorkspaceId,
                    InvoiceId = invoice.Id,
                    Amount = invoice.AmountPaid,
                    PaidOn = DateOnly.FromDateTime(invoice.PaidAt ?? invoice.IssueDate!.Value.AddDays(20)),
                    Method = invoice.AmountPaid == invoice.Total ? PaymentMethods.BankTransfer : PaymentMethods.Card,
                    Reference = $"PMT-{n:0000}",
                    CreatedAt = invoice.PaidAt ?? invoice.IssueDate!.Value.AddDays(20),
                });
            }
        }
        d.InvoiceSettingsRows.Add(new InvoiceSettings
        {
            WorkspaceId = d.WorkspaceId,
            Prefix = Prefix,
            IncludeYear = false,
            Padding = Padding,
            NextNumber = n + 1,
            DefaultTerms = Terms,
            DefaultNotes = "Thank you for your business!",
            BusinessAddress = "500 Market Street\nSan Francisco, CA 94105\nUnited States",
            BusinessEmail = "billing@galaxyco.example",
        });
    }

    private static Invoice NewInvoice(DemoData d, InvoiceStatus status, Customer customer)
    {
        var rate = d.Random.ArrayElement(TaxRates);
        var items = d.Random.Shuffle(Catalogue).Take(d.Random.Int(1, 4)).Select(c => new InvoiceLineItem
        {
            Description = c.Description,
            Quantity = d.Random.Int(c.MinHalves, c.MaxHalves) / 2m,
            UnitPriceCents = c.UnitDollars * 100,
            TaxRatePercent = rate,
        }).ToList();
        var (subtotal, tax, total) = InvoiceMath.Apply(items);

        DateTime? issued = status switch
        {
            InvoiceStatus.Draft => DemoClock.At(d.Now, 0, 9),
            InvoiceStatus.Sent => DemoClock.At(d.Now, -d.Random.Int(1, 20), 10),
            InvoiceStatus.Paid => DemoClock.At(d.Now, -d.Random.Int(25, 150), 10),
            InvoiceStatus.Overdue => DemoClock.At(d.Now, -d.Random.Int(35, 75), 10),
            _ => DemoClock.At(d.Now, -d.Random.Int(40, 100), 10),
        };
        DateTime? due = issued?.AddDays(30);
        DateTime? paid = status == InvoiceStatus.Paid ? Earlier(issued!.Value.AddDays(d.Random.Int(3, 35)), d.Now.AddHours(-2)) : null;
        // Some overdue invoices are half paid: partial payments exist in real books.
        var amountPaid = status switch
        {
            InvoiceStatus.Paid => total,
            InvoiceStatus.Overdue when d.Random.Bool(0.25f) => total / 2,
            _ => 0,
        };
        var project = d.Projects.FirstOrDefault(p => p.CustomerId == customer.Id);

        return new Invoice
        {
            WorkspaceId = d.WorkspaceId,
            Status = status,
            CustomerId = customer.Id,
            ProjectId = project is not null && d.Random.Bool(0.7f) ? project.Id : null,
            Subtotal = subtotal,
            Tax = tax,
            Total = total,
            AmountPaid = amountPaid,
            Currency = "USD",
            Items = items,
            IssueDate = issued,
            DueDate = due,
            PaidAt = paid,
            Notes = status == InvoiceStatus.Cancelled ? "Cancelled at the customer's request; scope moved to the next phase." : "Thank you for your business!",
            Terms = Terms,
            CreatedAt = issued?.AddDays(-d.Random.Int(0, 2)) ?? d.AgoBetween(6, 0.2),
        };
    }

    private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;
}
