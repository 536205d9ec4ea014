using CsvHelper;

namespace GalaxyCo.Domain.Crm.Import;

/// <summary>The validation report as a CSV file to download (row, column, reason), escaped against formula injection like every export.</summary>
public static class CrmImportReport
{
    public static byte[] ToCsv(IEnumerable<CrmImportError> errors)
    {
        using var buffer = new MemoryStream();
        using (var writer = CsvWriter.Create(buffer, Export.CrmExportService.WriterOptions, leaveOpen: true))
        {
            writer.WriteHeader(["Row", "Column", "Problem"]);
            foreach (var error in errors)
            {
                writer.WriteField(error.Row, default);
                writer.WriteField(error.Column);
                writer.WriteField(error.Reason);
                writer.EndRecord();
            }
        }
        return buffer.ToArray();
    }
}
