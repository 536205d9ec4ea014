using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GalaxyCo.Data.Invoices;

/// <summary>Row-level security for the invoicing tables, created by the Invoicing migration (its SQL must never change: add a new method).</summary>
public static class InvoiceDatabaseObjects
{
    public static void CreateInvoicingObjects(this MigrationBuilder migration)
    {
        foreach (var table in new[] { "invoice_payments", "invoice_settings" })
        {
            migration.EnableTenantIsolation(table);
        }
    }
}
