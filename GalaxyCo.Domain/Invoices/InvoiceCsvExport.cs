using System.Globalization;
using CsvHelper;
using GalaxyCo.Data;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// CSV export of the invoice list with its filters: every matching row (not a page), streamed from the database to
/// the output as it is read. Amounts are in major units with the currency's digits, written as numbers; text a
/// spreadsheet would run as a formula (starting with = + - @, tab or CR) is prefixed with a quote.
/// </summary>
public sealed partial class InvoiceReportService
{
    public static CsvWriterOptions CsvOptions { get; } = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    private static readonly string[] CsvHeaders =
        ["Number", "Status", "Customer", "Currency", "Issue date", "Due date", "Subtotal", "Tax", "Total", "Paid", "Balance", "Sent at", "Paid at", "Cancelled at"];

    /// <summary>Exporting needs the export permission, as for CRM lists.</summary>
    public Result CanExport() => member.Can(Permissions.RecordsRead) && member.Can(Permissions.RecordsExport)
        ? Result.Ok() : Result.Forbidden("You can't export invoices from this workspace.");

    /// <summary>"acme-invoices-2026-03-31.csv".</summary>
    public string ExportFileName() => $"{member.WorkspaceSlug}-invoices-{clock.GetUtcNow().UtcDateTime:yyyy-MM-dd}.csv";

    public async Task<Result> ExportCsvAsync(InvoiceQuery query, Stream output, CancellationToken ct = default)
    {
        if (CanExport() is { Succeeded: false } denied) return denied;
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var writer = CsvWriter.Create(output, CsvOptions, leaveOpen: true);
        writer.WriteHeader(CsvHeaders);
        // Every row the list would page through (all matching customers, not the list's first few hundred).
        var filtered = await InvoiceFilter.WhereAsync(db, query, int.MaxValue, ct);
        var rows = InvoiceFilter.Sorted(InvoiceFilter.WithStatus(filtered, query.Status), query.Sort)
            .Select(i => new
            {
                i.InvoiceNumber, i.NumberSequence, i.Status, CustomerName = i.Customer!.Name, i.Currency, i.IssueDate, i.DueDate,
                i.Subtotal, i.Tax, i.Total, i.AmountPaid, i.SentAt, i.PaidAt, i.CancelledAt,
            });
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            writer.WriteField(r.NumberSequence is null ? "Draft" : r.InvoiceNumber);
            writer.WriteField(r.Status == InvoiceStatus.Cancelled ? "Void" : r.Status.ToString());
            writer.WriteField(r.CustomerName);
            writer.WriteField(r.Currency);
            Day(writer, r.IssueDate);
            Day(writer, r.DueDate);
            foreach (var amount in new[] { r.Subtotal, r.Tax, r.Total, r.AmountPaid, r.Total - r.AmountPaid }) Money(writer, amount, r.Currency);
            Instant(writer, r.SentAt);
            Instant(writer, r.PaidAt);
            Instant(writer, r.CancelledAt);
            await writer.EndRecordAsync(ct);
        }
        await writer.FlushAsync(ct);
        return Result.Ok();
    }

    /// <summary>Minor units as a plain number in major units with the currency's digits (123450 USD -> 1234.50).</summary>
    private static void Money(CsvWriter writer, long minor, string currency) =>
        writer.WriteField(Currencies.ToMajor(minor, currency).ToString("F" + Currencies.Digits(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    private static void Day(CsvWriter writer, DateTime? value) =>
        writer.WriteField(value is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null);

    private static void Instant(CsvWriter writer, DateTime? value) =>
        writer.WriteField(value is { } d ? DateTime.SpecifyKind(d, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : null);
}
