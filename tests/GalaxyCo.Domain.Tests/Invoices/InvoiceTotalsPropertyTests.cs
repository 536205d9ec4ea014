using System.Numerics;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Tests.Infrastructure;
using Npgsql;
using static GalaxyCo.Domain.Tests.Invoices.InvoiceTestData;

namespace GalaxyCo.Domain.Tests.Invoices;

[Collection(PostgresCollection.Name)]
public sealed class InvoiceTotalsPropertyTests(PostgresDatabase db)
{
    [Fact]
    public async Task CreateAsync_HundredsOfRandomInvoicesInAllExponents_StoredTotalsAgreeInSqlAndWithIndependentMath()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Totals Property");
        var customer = await host.CustomerAsync(w, "Property Co");
        var r = new Random(4217);
        string[] currencies = ["JPY", "USD", "KWD", "ISK", "EUR", "OMR"];
        var expected = new Dictionary<Guid, (BigInteger Subtotal, BigInteger Tax)>();
        await using (var owner = await host.OwnerOfAsync(w))
        {
            for (var n = 0; n < 300; n++)
            {
                var currency = currencies[n % currencies.Length];
                var lines = Enumerable.Range(0, 1 + r.Next(8)).Select(i => new LineItemInput($"Line {i}",
                    Math.Max(0.001m, r.Next(0, 5_000_000) / 1000m), r.NextInt64(0, 2_000_000), r.Next(0, 10_001) / 100m, r.Next(0, 100_001) / 1000m)).ToArray();
                var view = Ok(await owner.Invoices.CreateAsync(Draft(customer, host.Today, currency, lines)));
                BigInteger subtotal = 0, tax = 0;
                foreach (var l in lines)
                {
                    var amount = new BigInteger(Math.Round(l.Quantity * l.UnitPrice * (100m - l.DiscountPercent) / 100m, MidpointRounding.AwayFromZero));
                    subtotal += amount;
                    tax += new BigInteger(Math.Round((decimal)amount * l.TaxRatePercent / 100m, MidpointRounding.AwayFromZero));
                }
                expected[view.Id] = (subtotal, tax);
                Assert.Equal(view.Subtotal + view.Tax, view.Total);
                Assert.Equal(view.Total, view.Balance);
            }
        }

        // Read back with SQL: the jsonb lines, the columns and the generated balance must all agree.
        await using var connection = await db.OpenAppConnectionAsync(w.Id);
        await using var command = new NpgsqlCommand("""
            select i.id, i.subtotal, i.tax, i.total, i.balance,
                   (select coalesce(sum((l->>'amount')::bigint), 0) from jsonb_array_elements(i.items) l),
                   (select coalesce(sum((l->>'taxAmount')::bigint), 0) from jsonb_array_elements(i.items) l)
            from invoices i
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var seen = 0;
        while (await reader.ReadAsync())
        {
            var (subtotal, tax) = expected[reader.GetGuid(0)];
            Assert.Equal(subtotal, (BigInteger)reader.GetInt64(1));
            Assert.Equal(tax, (BigInteger)reader.GetInt64(2));
            Assert.Equal(reader.GetInt64(1) + reader.GetInt64(2), reader.GetInt64(3));
            Assert.Equal(reader.GetInt64(3), reader.GetInt64(4));
            Assert.Equal(reader.GetInt64(1), reader.GetInt64(5));
            Assert.Equal(reader.GetInt64(2), reader.GetInt64(6));
            seen++;
        }
        Assert.Equal(300, seen);
    }
}
