using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Invoices;

public static class InvoiceServiceCollectionExtensions
{
    /// <summary>Invoicing: invoices, numbering, payments, settings, the overdue job, PDF, mail and reports.</summary>
    public static IServiceCollection AddInvoices(this IServiceCollection services)
    {
        services.AddScoped<InvoiceService>();
        services.AddScoped<InvoicePaymentService>();
        services.AddScoped<InvoiceSettingsService>();
        services.AddScoped<InvoiceOverdueJob>();
        services.AddScoped<InvoiceMailer>();
        services.AddScoped<InvoicePdfService>();
        services.AddScoped<InvoiceReportService>();
        return services;
    }
}
